using System.Text.Json.Nodes;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>
/// The chart's pod, short of Kubernetes: a real grn-silo started with exactly the environment the
/// rendered Deployment gives its container (secrets and downward-API fields resolved the way the
/// kubelet would), against a fresh PostgreSQL, answering the real grn CLI.
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
        var environment = PodEnvironment(chart, podName: "grn-gradretentionnet-silo-7d9f-x2k4q", podIp: "127.0.0.1");
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
        (await silo.Client.GetStringAsync("/metrics")).Should().Contain("silo=\"grn-gradretentionnet-silo-7d9f-x2k4q\"", "metrics are labelled with the pod's name");
    }

    /// <summary>
    /// The silo container's environment as the kubelet sets it: literal values, secret keys from
    /// the rendered Secret, and the pod's own name and IP.
    /// </summary>
    static Dictionary<string, string> PodEnvironment(Manifests chart, string podName, string podIp)
    {
        var secrets = chart.OfKind("Secret").ToDictionary(s => (string)s["metadata"]!["name"]!, s => s["stringData"]!.AsObject());
        var fields = new Dictionary<string, string> { ["metadata.name"] = podName, ["status.podIP"] = podIp };
        return chart.SiloEnvironment.ToDictionary(e => e.Key, e => e.Value switch
        {
            { } v when v["value"] is JsonNode value => (string)value!,
            { } v when v["valueFrom"]!["secretKeyRef"] is JsonNode key => (string)secrets[(string)key["name"]!][(string)key["key"]!]!,
            { } v => fields[(string)v["valueFrom"]!["fieldRef"]!["fieldPath"]!],
        });
    }
}
