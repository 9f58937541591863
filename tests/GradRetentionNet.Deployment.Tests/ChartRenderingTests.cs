using System.Reflection;
using GradRetentionNet.Data;
using GradRetentionNet.Silo;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>What helm/gradretentionnet renders, held against what grn-silo and deploy/ really read.</summary>
public sealed class ChartRenderingTests
{
    [Fact]
    public void Helm_lint_passes_strictly()
    {
        var run = HelmChart.Helm(["lint", HelmChart.Folder, "--strict", .. HelmChart.RequiredValues.SelectMany(v => new[] { "--set", v })]);
        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("0 chart(s) failed");
    }

    /// <summary>Whether GRN_Silo__A__B names a property path A.B of SiloOptions.</summary>
    static bool SiloReads(string setting)
    {
        var type = typeof(SiloOptions);
        var parts = setting.Split("__");
        for (var i = 0; i < parts.Length; i++)
        {
            var property = type.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance);
            if (property is null) return false;
            type = property.PropertyType;
        }
        return true;
    }

    [Theory]
    [InlineData("tls.enabled=true")]
    [InlineData("tls.enabled=false")]
    public void Every_silo_setting_the_chart_sets_is_one_grn_silo_reads(string tls)
    {
        var environment = HelmChart.Render(tls).SiloEnvironment;

        var siloSettings = environment.Keys.Where(name => name.StartsWith("GRN_Silo__", StringComparison.Ordinal)).Select(name => name["GRN_Silo__".Length..]).ToList();
        siloSettings.Should().OnlyContain(name => SiloReads(name), "a misspelt setting would be ignored silently");
        siloSettings.Should().Contain(["Clustering", "ConnectionString", "AdvertisedAddress", "ApiToken", "OutputRoot", "Name", "Tls__Enabled"]);
        environment.Keys.Where(name => !name.StartsWith("GRN_Silo__", StringComparison.Ordinal))
            .Should().BeEquivalentTo(["GRN_Serilog__MinimumLevel__Default", "ASPNETCORE_URLS", DataOptions.OfflineDataVariable]);
    }

    [Fact]
    public void The_setting_check_refuses_a_setting_grn_silo_does_not_read()
    {
        SiloReads("ApiToken").Should().BeTrue();
        SiloReads("ApiTokn").Should().BeFalse();
        SiloReads("Tls__CertificatePath").Should().BeTrue();
        SiloReads("Tls__CertPath").Should().BeFalse();
    }

    [Fact]
    public void A_silo_pod_clusters_through_postgres_at_its_own_ip_with_secrets_from_a_secret()
    {
        var chart = HelmChart.Render();
        var environment = chart.SiloEnvironment;

        chart.EnvironmentValue("GRN_Silo__Clustering").Should().Be("postgres");
        ((string?)environment["GRN_Silo__AdvertisedAddress"]["valueFrom"]!["fieldRef"]!["fieldPath"]).Should().Be("status.podIP");
        ((string?)environment["GRN_Silo__Name"]["valueFrom"]!["fieldRef"]!["fieldPath"]).Should().Be("metadata.name", "the silo label of its metrics is the pod's name");
        var secret = chart.Named("Secret", "-secrets");
        foreach (var (variable, key, value) in new[] { ("GRN_Silo__ConnectionString", "connection-string", "Host=db;Database=grn"), ("GRN_Silo__ApiToken", "api-token", "chart-token") })
        {
            environment[variable].Should().NotContainKey("value", "secrets never appear in the pod spec");
            var reference = environment[variable]["valueFrom"]!["secretKeyRef"]!;
            ((string?)reference["name"]).Should().Be((string?)secret["metadata"]!["name"]);
            ((string?)reference["key"]).Should().Be(key);
            ((string?)secret["stringData"]![key]).Should().Be(value);
        }
    }

    [Fact]
    public void Users_secrets_replace_the_charts_own()
    {
        var chart = HelmChart.Render("api.token=", "api.existingSecret=team-api", "postgres.connectionString=", "postgres.existingSecret=team-db");

        chart.OfKind("Secret").Should().BeEmpty();
        ((string?)chart.SiloEnvironment["GRN_Silo__ApiToken"]["valueFrom"]!["secretKeyRef"]!["name"]).Should().Be("team-api");
        ((string?)chart.SiloEnvironment["GRN_Silo__ConnectionString"]["valueFrom"]!["secretKeyRef"]!["name"]).Should().Be("team-db");
    }

    [Fact]
    public void The_pod_listens_where_its_ports_probes_and_scrape_annotations_say()
    {
        var chart = HelmChart.Render("silo.ports.http=9090");
        var container = chart.SiloContainer;
        var ports = container["ports"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => (string)p!["containerPort"]!);

        ports.Should().Equal(new Dictionary<string, string> { ["http"] = "9090", ["silo"] = "11111", ["gateway"] = "30000" });
        chart.EnvironmentValue("ASPNETCORE_URLS").Should().Be("http://+:9090");
        chart.EnvironmentValue("GRN_Silo__SiloPort").Should().Be(ports["silo"]);
        chart.EnvironmentValue("GRN_Silo__GatewayPort").Should().Be(ports["gateway"]);
        foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
        {
            ((string?)container[probe]!["httpGet"]!["path"]).Should().Be(path);
            ((string?)container[probe]!["httpGet"]!["port"]).Should().Be("http");
        }
        var annotations = chart.SiloPod["metadata"]!["annotations"]!.AsObject();
        ((string?)annotations["gradretentionnet.io/scrape"]).Should().Be("true");
        ((string?)annotations["gradretentionnet.io/port"]).Should().Be("9090");
        ((string?)annotations["gradretentionnet.io/path"]).Should().Be("/metrics");
    }

    [Fact]
    public void Prometheus_kubernetes_job_reads_every_scrape_annotation_the_pods_carry()
    {
        var annotations = HelmChart.Render().SiloPod["metadata"]!["annotations"]!.AsObject()
            .Select(a => a.Key).Where(name => name.StartsWith("gradretentionnet.io/", StringComparison.Ordinal)).ToList();
        var prometheus = Repository.Read(Repository.PrometheusConfig);

        annotations.Should().HaveCount(3);
        // Prometheus turns an annotation's name into a meta label with every . and / made _.
        annotations.Should().OnlyContain(name => prometheus.Contains("__meta_kubernetes_pod_annotation_" + name.Replace('.', '_').Replace('/', '_')));
    }

    [Fact]
    public void A_stopping_silo_gets_longer_than_its_pre_stop_wait_and_its_hand_back_together()
    {
        var chart = HelmChart.Render("silo.preStopSeconds=20", "silo.terminationGracePeriodSeconds=125");

        var preStop = int.Parse((string)chart.SiloContainer["lifecycle"]!["preStop"]!["sleep"]!["seconds"]!);
        preStop.Should().Be(20);
        int.Parse((string)chart.SiloPod["spec"]!["terminationGracePeriodSeconds"]!).Should().BeGreaterThan(preStop + (int)SiloHostExtensions.ShutdownTimeout.TotalSeconds,
            "the grace period runs from the preStop hook's start: SIGTERM and the hand-back come after it");
    }

    [Fact]
    public void Gpu_silos_take_their_gpus_train_on_them_and_tolerate_gpu_nodes()
    {
        var chart = HelmChart.Render("silo.gpus=4", "silo.onePerNode=true");

        ((string?)chart.SiloContainer["resources"]!["limits"]!["nvidia.com/gpu"]).Should().Be("4");
        chart.EnvironmentValue("GRN_Silo__Gpus").Should().Be("4");
        chart.SiloPod["spec"]!["tolerations"]!.AsArray().Select(t => (string?)t!["key"]).Should().Contain("nvidia.com/gpu");
        var antiAffinity = chart.SiloPod["spec"]!["affinity"]!["podAntiAffinity"]!.AsObject();
        antiAffinity.Should().ContainKey("requiredDuringSchedulingIgnoredDuringExecution", "one silo per GPU node");
        ((string?)antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]![0]!["topologyKey"]).Should().Be("kubernetes.io/hostname");
    }

    [Fact]
    public void Cpu_silos_train_in_their_slots_and_claim_no_gpu()
    {
        var chart = HelmChart.Render("silo.slots=3");

        chart.EnvironmentValue("GRN_Silo__Gpus").Should().Be("0", "0 means the CPU (unset would count CUDA devices)");
        chart.EnvironmentValue("GRN_Silo__Slots").Should().Be("3");
        chart.SiloContainer["resources"]!["limits"]!.AsObject().Should().NotContainKey("nvidia.com/gpu");
    }

    [Fact]
    public void Every_silo_mounts_the_shared_volumes_where_its_settings_point()
    {
        var chart = HelmChart.Render();
        var mounts = chart.SiloContainer["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => (string)m!["mountPath"]!);
        var claims = chart.SiloPod["spec"]!["volumes"]!.AsArray().Where(v => v!["persistentVolumeClaim"] is not null)
            .ToDictionary(v => (string)v!["name"]!, v => (string)v!["persistentVolumeClaim"]!["claimName"]!);

        mounts["runs"].Should().Be(chart.EnvironmentValue("GRN_Silo__OutputRoot"));
        mounts["data"].Should().Be(chart.EnvironmentValue("GRN_Silo__DataRoot"));
        chart.EnvironmentValue(DataOptions.OfflineDataVariable).Should().Be(mounts["data"] + "/offline", "offline sources are written on the data volume, not the read-only root");
        var rendered = chart.OfKind("PersistentVolumeClaim").ToDictionary(c => (string)c["metadata"]!["name"]!);
        rendered.Keys.Should().BeEquivalentTo(claims.Values);
        rendered.Values.Should().OnlyContain(c => c["spec"]!["accessModes"]!.AsArray().Select(m => (string?)m).Contains("ReadWriteMany"),
            "a job resumes from its checkpoint on whichever node takes it");
    }

    [Fact]
    public void The_prometheus_rule_carries_the_tested_alert_rules_and_the_dashboards_are_the_repositorys()
    {
        var chart = HelmChart.Render("metrics.prometheusRule.enabled=true", "grafana.dashboards.enabled=true", "grafana.datasource.enabled=true", "metrics.podMonitor.enabled=true");

        var alerts = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, List<Dictionary<string, object>>>>(Repository.Read("deploy/prometheus/alerts.yml"));
        var groups = chart.Single("PrometheusRule")["spec"]!["groups"]!.AsArray();
        groups.Select(g => (string?)g!["name"]).Should().Equal(alerts["groups"].Select(g => (string)g["name"]));
        groups.SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string?)r!["alert"]).Should().Contain(["GrnSiloDown", "GrnJobFailureRate", "GrnGpuMemoryHigh", "GrnSweepStalled"]);

        var dashboards = chart.OfKind("ConfigMap").Single(c => ((string)c["metadata"]!["name"]!).EndsWith("-dashboards", StringComparison.Ordinal))["data"]!.AsObject();
        dashboards.Select(d => d.Key).Should().BeEquivalentTo(Repository.Dashboards.Select(Path.GetFileName));
        foreach (var file in Repository.Dashboards)
            ((string?)dashboards[Path.GetFileName(file)!]).Should().Be(Repository.Read(file).TrimEnd('\n'));

        var datasource = chart.OfKind("ConfigMap").Single(c => ((string)c["metadata"]!["name"]!).EndsWith("-datasource", StringComparison.Ordinal));
        ((string?)datasource["data"]!["grn-prometheus.yaml"]).Should().Contain("uid: grn-prometheus", "the dashboards name their data source by this uid");

        var monitor = chart.Single("PodMonitor")["spec"]!;
        ((string?)monitor["jobLabel"]).Should().Be("gradretentionnet.io/prometheus-job");
        ((string?)chart.SiloPod["metadata"]!["labels"]!["gradretentionnet.io/prometheus-job"]).Should().Be("grn-silo", "the alert rules select job=\"grn-silo\"");
    }

    [Fact]
    public void Listed_datasets_are_prepared_by_a_job_on_the_data_volume()
    {
        var chart = HelmChart.Render("data.prepare={mnist,cifar10}", "data.mirror=https://mirror.example/grn");

        var pod = chart.Named("Job", "-data-1")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        container["args"]!.AsArray().Select(a => (string?)a).Should().Equal("mnist", "cifar10");
        string.Join(' ', container["command"]!.AsArray().Select(a => (string?)a)).Should().Contain("data prepare");
        var environment = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);
        environment["GRN_DATA_ROOT"].Should().Be(chart.EnvironmentValue("GRN_Silo__DataRoot"));
        environment["GRN_DATA_MIRROR"].Should().Be("https://mirror.example/grn");
        ((string?)pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!["persistentVolumeClaim"]!["claimName"]).Should().Be(
            (string?)chart.SiloPod["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!["persistentVolumeClaim"]!["claimName"]);
        HelmChart.Render().OfKind("Job").Should().NotContain(j => ((string)j["metadata"]!["name"]!).Contains("-data-"), "no datasets listed, no job");
    }
}
