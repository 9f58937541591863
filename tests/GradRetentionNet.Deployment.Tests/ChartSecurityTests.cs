using System.Text.Json.Nodes;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>Mutual TLS, the NetworkPolicy, the service account and the volumes' storage classes as the chart renders them.</summary>
public sealed class ChartSecurityTests
{
    static string? Text(JsonNode? node) => (string?)node;

    static Dictionary<string, string?> Literal(Manifests chart) =>
        chart.SiloEnvironment.Where(e => e.Value["value"] is not null).ToDictionary(e => e.Key, e => Text(e.Value["value"]));

    [Fact]
    public void Silos_get_the_tls_secret_read_only_where_their_tls_settings_point()
    {
        var chart = HelmChart.Render();
        var environment = Literal(chart);
        var mount = chart.SiloContainer["volumeMounts"]!.AsArray().Single(m => Text(m!["name"]) == "tls")!;
        var volume = chart.SiloPod["spec"]!["volumes"]!.AsArray().Single(v => Text(v!["name"]) == "tls")!;

        environment["GRN_Silo__Tls__Enabled"].Should().Be("true");
        Text(mount["mountPath"]).Should().Be("/etc/grn/tls");
        Text(mount["readOnly"]).Should().Be("true");
        Text(volume["secret"]!["secretName"]).Should().Be("grn-tls");
        Text(volume["secret"]!["defaultMode"]).Should().Be("288", "0440: the private key readable by the silo's group only");
        foreach (var (setting, file) in new[] { ("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("CaPath", "ca.crt") })
            environment[$"GRN_Silo__Tls__{setting}"].Should().Be($"/etc/grn/tls/{file}", "the keys of a kubernetes.io/tls secret");
    }

    [Fact]
    public void Cert_manager_issues_the_silos_a_certificate_for_both_ends_of_a_connection()
    {
        var chart = HelmChart.Render("tls.existingSecret=", "tls.certManager.enabled=true", "tls.certManager.issuerRef.name=grn-ca");
        var certificate = chart.Single("Certificate")["spec"]!;

        Text(certificate["secretName"]).Should().Be(Text(chart.SiloPod["spec"]!["volumes"]!.AsArray().Single(v => Text(v!["name"]) == "tls")!["secret"]!["secretName"]));
        certificate["usages"]!.AsArray().Select(u => Text(u)).Should().Contain(["server auth", "client auth"], "every silo accepts and opens connections");
        Text(certificate["issuerRef"]!["name"]).Should().Be("grn-ca");
        HelmChart.Render().OfKind("Certificate").Should().BeEmpty("an existing secret needs no Certificate");
    }

    [Fact]
    public void Without_tls_the_silos_mount_no_secret_and_say_tls_is_off()
    {
        var chart = HelmChart.Render("tls.enabled=false", "tls.existingSecret=");

        Literal(chart)["GRN_Silo__Tls__Enabled"].Should().Be("false");
        chart.SiloEnvironment.Keys.Should().NotContain(k => k.StartsWith("GRN_Silo__Tls__", StringComparison.Ordinal) && k != "GRN_Silo__Tls__Enabled");
        chart.SiloPod["spec"]!["volumes"]!.AsArray().Should().NotContain(v => Text(v!["name"]) == "tls");
    }

    [Fact]
    public void Only_silos_reach_the_orleans_ports_and_silos_reach_only_dns_postgres_and_each_other()
    {
        var chart = HelmChart.Render();
        var policy = chart.Single("NetworkPolicy")["spec"]!;
        var silos = chart.SiloWorkload["spec"]!["selector"]!["matchLabels"]!;
        static string[] Ports(JsonNode rule) => [.. rule["ports"]!.AsArray().Select(p => $"{p!["protocol"]}/{p["port"]}")];

        JsonNode.DeepEquals(policy["podSelector"]!["matchLabels"], silos).Should().BeTrue();
        policy["policyTypes"]!.AsArray().Select(t => Text(t)).Should().BeEquivalentTo(["Ingress", "Egress"]);
        var ingress = policy["ingress"]!.AsArray().Select(r => r!).ToList();
        ingress.Select(r => string.Join(",", Ports(r))).Should().Equal("TCP/8080", "TCP/8080", "TCP/11111,TCP/30000");
        Text(ingress[0]["from"]![0]!.ToJsonString()).Should().Be("""{"podSelector":{}}""", "the API from the release's namespace by default");
        Text(ingress[1]["from"]![0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]).Should().Be("monitoring");
        JsonNode.DeepEquals(ingress[2]["from"]![0]!["podSelector"]!["matchLabels"], silos).Should().BeTrue("the Orleans ports from silos only");
        ingress[2]["from"]![0]!.AsObject().Should().ContainSingle("no namespace selector: this release's silos only");

        var egress = policy["egress"]!.AsArray().Select(r => r!).ToList();
        egress.Select(r => string.Join(",", Ports(r))).Should().Equal("UDP/53,TCP/53", "TCP/5432", "TCP/11111,TCP/30000");
        Text(egress[0]["to"]![0]!["podSelector"]!["matchLabels"]!["k8s-app"]).Should().Be("kube-dns");
        JsonNode.DeepEquals(egress[2]["to"]![0]!["podSelector"]!["matchLabels"], silos).Should().BeTrue();
    }

    [Fact]
    public void The_network_policy_takes_the_users_peers()
    {
        var policy = HelmChart.Render("networkPolicy.api.from[0].namespaceSelector.matchLabels.team=ml", "networkPolicy.metrics.from=null",
            "networkPolicy.postgres.to[0].ipBlock.cidr=10.20.0.5/32", "networkPolicy.postgres.port=6432").Single("NetworkPolicy")["spec"]!;

        var ingress = policy["ingress"]!.AsArray();
        ingress.Should().HaveCount(2, "no metrics peers, no metrics rule (an empty from would admit everyone)");
        Text(ingress[0]!["from"]![0]!["namespaceSelector"]!["matchLabels"]!["team"]).Should().Be("ml");
        var postgres = policy["egress"]![1]!;
        Text(postgres["ports"]![0]!["port"]).Should().Be("6432");
        Text(postgres["to"]![0]!["ipBlock"]!["cidr"]).Should().Be("10.20.0.5/32");
        HelmChart.Render("networkPolicy.enabled=false").OfKind("NetworkPolicy").Should().BeEmpty();
    }

    [Fact]
    public void Pods_run_under_the_charts_own_account_without_its_token()
    {
        var chart = HelmChart.Render("data.prepare={mnist}");
        var account = chart.Single("ServiceAccount");

        Text(account["automountServiceAccountToken"]).Should().Be("false");
        Text(chart.SiloPod["spec"]!["serviceAccountName"]).Should().Be(Text(account["metadata"]!["name"]));
        Text(chart.Named("Job", "-data-1")["spec"]!["template"]!["spec"]!["serviceAccountName"]).Should().Be(Text(account["metadata"]!["name"]));
        chart.Named("Job", "-migrate")["spec"]!["template"]!["spec"]!.AsObject().Should().NotContainKey("serviceAccountName",
            "a first install's hooks run before the chart's account exists");
        Text(HelmChart.Render("serviceAccount.create=false", "serviceAccount.name=team").SiloPod["spec"]!["serviceAccountName"]).Should().Be("team");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("-", "")]
    [InlineData("efs-rwx", "efs-rwx")]
    public void An_empty_storage_class_means_the_default_class_and_a_dash_means_none(string value, string? rendered)
    {
        var claims = HelmChart.Render($"storage.storageClassName={value}", $"data.storageClassName={value}").OfKind("PersistentVolumeClaim").ToList();

        claims.Should().HaveCount(2);
        foreach (var claim in claims)
        {
            if (rendered is null) claim["spec"]!.AsObject().Should().NotContainKey("storageClassName", "left out, the cluster's default class applies");
            else Text(claim["spec"]!["storageClassName"]).Should().Be(rendered);
        }
    }
}
