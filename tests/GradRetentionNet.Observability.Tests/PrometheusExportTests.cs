using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Observability.Gpu;
using GradRetentionNet.Observability.Tests.FakeNvml;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace GradRetentionNet.Observability.Tests;

/// <summary>
/// The instruments through OpenTelemetry's real Prometheus exporter (the HttpListener one grn run
/// serves): the exported names, types, labels and buckets must be grafana/README.md's exactly.
/// </summary>
public sealed class PrometheusExportTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-scrape-").FullName;

    [Fact]
    public async Task Every_metric_of_the_contract_is_exported_under_its_name_with_its_labels()
    {
        using var gpus = NvmlGpus.Open(new ListLogger(), FakeNvmlLibrary.Build(folder))!;
        using var meter = new Meter(SiloMetrics.MeterName);
        using var metrics = new SiloMetrics(meter, "silo-1", gpus);
        var port = FreePort();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddGradRetentionNetMeters()
            .AddPrometheusHttpListener(o => (o.Host, o.Port) = ("127.0.0.1", port))
            .Build();

        metrics.ObserveSlots(() => new SlotUsage(2, 1, 0));
        var labels = new JobLabels("sweep-a", "job-1", "mnist-digits-10k", "enhanced-sgd", 7);
        using var job = metrics.Jobs.Start(labels, 2);
        job.StepsFinished(25, TimeSpan.FromSeconds(0.75), new StepReading(0.5, 1e-4, 2e-3, 0.01, 0.9, 0.3));
        job.EpochFinished(1, 0.875, TimeSpan.FromSeconds(40));
        foreach (var state in new[] { JobState.Completed, JobState.Failed, JobState.Diverged }) metrics.Jobs.CountEnd(labels, state);
        metrics.Sweeps.PublishJobCounts("sweep-a", [new("running", 1)]);
        metrics.Sweeps.CountRetry("sweep-a");

        using var client = new HttpClient();
        var text = await client.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        var samples = PrometheusText.Parse(text);

        foreach (var metric in MetricsContract.Read())
        {
            text.Should().Contain($"# TYPE {metric.Name} {metric.Type}\n", $"{metric.Name} is a {metric.Type}");
            foreach (var name in metric.SeriesNames)
            {
                var series = samples.Where(s => s.Name == name).ToList();
                series.Should().NotBeEmpty($"{name} is in the contract");
                series.Should().OnlyContain(s => metric.Labels.All(s.Labels.ContainsKey), $"{name} carries {string.Join(", ", metric.Labels)}");
                series.Should().OnlyContain(s => s.Labels["silo"] == "silo-1");
            }
        }

        samples.Where(s => s.Name.StartsWith("grn_", StringComparison.Ordinal)).Select(s => s.Name).Distinct()
            .Should().BeSubsetOf(MetricsContract.Read().SelectMany(m => m.SeriesNames), "nothing outside the contract is exported under grn_");
        Value(samples, "grn_job_progress_ratio").Should().Be("0.5");
        Value(samples, "grn_job_epsilon").Should().Be("0.3");
        Value(samples, "grn_jobs_retried_total").Should().Be("1");
        Value(samples, "grn_gpu_utilization_ratio").Should().Be("0.37");
        samples.Single(s => s.Name == "grn_gpu_memory_used_bytes" && s.Labels["device"] == "1").Labels["gpu"].Should().Be("NVIDIA H200");
        samples.Where(s => s.Name == "grn_epoch_duration_seconds_bucket").Select(s => s.Labels["le"])
            .Should().Equal("0.5", "1", "2", "5", "10", "30", "60", "120", "300", "600", "1200", "3600", "+Inf");
        samples.Where(s => s.Name == "grn_step_duration_seconds_bucket").Select(s => s.Labels["le"])
            .Should().Equal("0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf");
        samples.Single(s => s.Name == "grn_step_duration_seconds_bucket" && s.Labels["le"] == "0.025").Value.Should().Be("0");
        samples.Single(s => s.Name == "grn_step_duration_seconds_bucket" && s.Labels["le"] == "0.05").Value.Should().Be("25");
    }

    static string Value(IReadOnlyList<Sample> samples, string name) => samples.Single(s => s.Name == name).Value;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
