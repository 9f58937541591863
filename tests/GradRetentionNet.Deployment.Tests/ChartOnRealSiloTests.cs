using System.Text.Json.Nodes;
using GradRetentionNet.Data;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>
/// The chart's pods, short of Kubernetes: the migration hook Job's `grn-silo migrate` and then a
/// real grn-silo, each with exactly the environment the rendered manifests give its container
/// (secrets, downward-API fields and the TLS secret's mount resolved the way the kubelet would),
/// against a fresh PostgreSQL, answering the real grn CLI.
/// </summary>
public sealed class ChartOnRealSiloTests : IDisposable
{
    readonly PostgresServer postgres = PostgresServer.Start();
    readonly TemporaryFolder volumes = new("grn-chart-");

    public void Dispose()
    {
        postgres.Dispose();
        volumes.Dispose();
    }

    [Fact]
    public async Task A_silo_with_the_charts_environment_migrates_clusters_and_runs_a_submitted_sweep()
    {
        var http = FreePorts.Next();
        var chart = HelmChart.Render(
            $"postgres.connectionString={postgres.ConnectionString().Replace(",", "\\,")}",
            $"silo.ports.http={http}", $"silo.ports.silo={FreePorts.Next()}", $"silo.ports.gateway={FreePorts.Next()}",
            $"storage.mountPath={volumes.File("runs")}", $"data.mountPath={volumes.File("data")}");
        // The data volume holds the offline sources (build/offline-data.sh's, on this machine).
        Directory.CreateDirectory(volumes.File("data"));
        Directory.CreateSymbolicLink(volumes.File("data/offline"), OfflineHome());
        // The TLS secret, where the kubelet would mount it (/etc/grn/tls in the pod).
        var tls = Directory.CreateDirectory(volumes.File("tls")).FullName;
        ClusterCertificateFiles.Write(tls);
        var mounts = new Dictionary<string, string> { ["/etc/grn/tls"] = tls };

        // The hook Job first: the silos no longer migrate on start.
        var migrate = chart.Named("Job", "-migrate")["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
        var migration = GrnSiloProcess.Run(ContainerEnvironment(chart, migrate, "grn-gradretentionnet-migrate-x8k2p", "127.0.0.1", mounts),
            [.. migrate["args"]!.AsArray().Select(a => (string)a!)]);
        migration.ExitCode.Should().Be(0, migration.Error);
        migration.Output.Should().Contain("applied 0001_");
        var environment = ContainerEnvironment(chart, chart.SiloContainer, "grn-gradretentionnet-silo-0", "127.0.0.1", mounts);
        environment["GRN_Silo__MigrateOnStart"].Should().Be("false");
        environment["GRN_Silo__Tls__Enabled"].Should().Be("true");
        var token = environment["GRN_Silo__ApiToken"];

        using var silo = GrnSiloProcess.Start(environment, http);
        // Ready as the kubelet would judge it: the readiness probe's path.
        await silo.Ready();
        var readiness = (string)chart.SiloContainer["readinessProbe"]!["httpGet"]!["path"]!;
        (await silo.Client.GetAsync(readiness)).IsSuccessStatusCode.Should().BeTrue(silo.Output);

        var spec = volumes.File("chart.yaml");
        await File.WriteAllTextAsync(spec, """
            name: on-the-chart
            datasets: [mnist-digits-10k]
            optimizers: [sgd, adam]
            seeds: [1]
            epochs: 1
            limits: { max_train_samples: 256, max_test_samples: 64 }
            """);
        var submit = ToolRun.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "grn.dll"), "submit", spec, "--watch", "--server", $"http://127.0.0.1:{http}", "--token", token],
            volumes.Path, TimeSpan.FromMinutes(3));

        submit.ExitCode.Should().Be(0, $"{submit}\nsilo:\n{silo.Output}");
        Directory.GetFiles(Path.Combine(volumes.File("runs"), "on-the-chart"), "result.json", SearchOption.AllDirectories)
            .Should().HaveCount(2, "results go to the shared volume the chart mounts at Silo:OutputRoot");
        silo.Output.Should().NotContain(token).And.NotContain(postgres.ConnectionString(), "secrets are never logged");
        silo.Output.Split('\n').Should().Contain(line => line.StartsWith("{\"@t\":", StringComparison.Ordinal), "logs are compact JSON lines for the cluster's collector");
        (await silo.Client.GetStringAsync("/metrics")).Should().Contain("silo=\"grn-gradretentionnet-silo-0\"", "metrics are labelled with the pod's name");
    }

    /// <summary>Where build/offline-data.sh put the offline sources here (DataOptions' default).</summary>
    static string OfflineHome() => new DataOptions().ResolveOfflineDataHome();

    /// <summary>
    /// A container's environment as the kubelet sets it: literal values, secret keys from the
    /// rendered Secrets, and the pod's own name and IP; a path under a mounted secret
    /// (<paramref name="mounts"/>: pod path to this machine's folder) becomes the folder's.
    /// </summary>
    static Dictionary<string, string> ContainerEnvironment(Manifests chart, JsonObject container, string podName, string podIp, IReadOnlyDictionary<string, string> mounts)
    {
        var secrets = chart.OfKind("Secret").ToDictionary(s => (string)s["metadata"]!["name"]!, s => s["stringData"]!.AsObject());
        var fields = new Dictionary<string, string> { ["metadata.name"] = podName, ["status.podIP"] = podIp };
        return container["env"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!, e => e switch
        {
            { } v when v["value"] is JsonNode value => mounts.Aggregate((string)value!, (text, mount) =>
                text.StartsWith(mount.Key + "/", StringComparison.Ordinal) ? mount.Value + text[mount.Key.Length..] : text),
            { } v when v["valueFrom"]!["secretKeyRef"] is JsonNode key => (string)secrets[(string)key["name"]!][(string)key["key"]!]!,
            { } v => fields[(string)v["valueFrom"]!["fieldRef"]!["fieldPath"]!],
        });
    }
}
