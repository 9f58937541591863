using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Monitoring.Tests.Live;
using GradRetentionNet.Monitoring.Tests.Metrics;
using GradRetentionNet.Monitoring.Tests.Queries;
using GradRetentionNet.Testing;
using Xunit.Abstractions;

namespace GradRetentionNet.Monitoring.Tests;

/// <summary>
/// Every metric name a dashboard panel, a template variable or an alert rule uses must be in what
/// a real silo exports at GET /metrics while it trains and after.
/// </summary>
public sealed class LiveSiloMetricsTests(ITestOutputHelper log) : IDisposable
{
    const string Token = "observability-test-token";
    const string Sweep = "metrics-live";

    /// <summary>
    /// A sweep whose attempts end every way a counter of the contract counts, so that every
    /// counter has been incremented (a counter appears at its first increment):
    /// mnist-digits-10k (offline) with lr 0.01 completes, and trains long enough (3 epochs of 32
    /// steps) for the per-job gauges to be scraped; lr 1e5 diverges; mnist needs a download the
    /// silo's empty data root does not have, so its attempts fail and are retried (max_attempts 2).
    /// enhanced-sgd gives ε.
    /// </summary>
    const string SweepSpec = $$"""
        name: {{Sweep}}
        datasets: [mnist-digits-10k, mnist]
        optimizers: [enhanced-sgd, sgd]
        seeds: [1]
        epochs: 3
        grid:
          lr: ["0.01", "100000"]
        limits: { max_train_samples: 2048, max_test_samples: 256 }
        max_attempts: 2
        max_failed_trials: 100
        """;

    readonly TemporaryFolder folder = new("grn-live-metrics-");

    [Fact]
    public async Task Every_metric_the_dashboards_and_alerts_use_is_exported_by_a_running_silo()
    {
        var queries = ObservabilityQueries.All();
        var outputRoot = Directory.CreateDirectory(folder.File("runs")).FullName;
        var emptyDataRoot = Directory.CreateDirectory(folder.File("data")).FullName;
        using var silo = LiveSilo.Start(outputRoot, emptyDataRoot, Token);
        await silo.Ready();

        var scrapes = new ScrapeLog();
        scrapes.Add(await silo.Scrape());
        var submitted = await silo.Client.PostAsync("/api/sweeps", new StringContent(SweepSpec, Encoding.UTF8, new MediaTypeHeaderValue("application/yaml")));
        submitted.IsSuccessStatusCode.Should().BeTrue($"the sweep is accepted: {await submitted.Content.ReadAsStringAsync()}");

        // Scrape four times a second while the sweep runs: the per-job gauges live only as long as their job.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        JsonElement status;
        var nextStatus = DateTime.MinValue;
        while (true)
        {
            scrapes.Add(await silo.Scrape());
            if (DateTime.UtcNow >= nextStatus)
            {
                status = await Status(silo);
                if (status.GetProperty("state").GetString() != "running") break;
                nextStatus = DateTime.UtcNow.AddSeconds(1);
            }
            DateTime.UtcNow.Should().BeBefore(deadline, $"the sweep finishes in 5 minutes; silo output:\n{silo.Output}");
            await Task.Delay(250);
        }
        await Task.Delay(1000);
        scrapes.Add(await silo.Scrape());

        // The premise: the attempts ended every way, so every counter has had its increment.
        var jobs = status.GetProperty("jobs").EnumerateArray()
            .Select(j => (Dataset: j.GetProperty("dataset").GetString(), Grid: j.GetProperty("grid_point").GetString(), State: j.GetProperty("state").GetString(), Attempts: j.GetProperty("attempts").GetInt32()))
            .ToList();
        log.WriteLine($"sweep {status.GetProperty("state").GetString()}: {string.Join("; ", jobs.Select(j => $"{j.Dataset} {j.Grid} {j.State} after {j.Attempts} attempt(s)"))}");
        jobs.Select(j => j.State).Should().Contain(["completed", "diverged", "failed"], "the sweep exercises every outcome a counter counts");
        jobs.Should().Contain(j => j.State == "failed" && j.Attempts == 2, "a failed attempt is retried");

        log.WriteLine($"{scrapes.Count} scrapes of GET /metrics, status codes: {scrapes.StatusCodes}; {scrapes.Names.Count} distinct series names");
        var gpu = GpuPresent();
        if (!gpu) log.WriteLine("no NVIDIA GPU on this machine: the grn_gpu_* metrics (absent without a GPU, per the contract) are not required");
        var missing = MetricCoverage.Missing(queries, scrapes.Names, excused: name => !gpu && name.StartsWith("grn_gpu_", StringComparison.Ordinal));
        if (missing.Count > 0)
        {
            Assert.Fail($"{missing.Count} metric name(s) that the dashboards or alert rules use were in none of the {scrapes.Count} scrapes of a running silo's GET /metrics " +
                $"(status codes: {scrapes.StatusCodes}; grafana/README.md is the contract):\n{MetricCoverage.Report(missing)}");
        }
    }

    static async Task<JsonElement> Status(GrnSiloProcess silo)
    {
        using var response = await silo.Client.GetAsync($"/api/sweeps/{Sweep}");
        response.IsSuccessStatusCode.Should().BeTrue($"GET /api/sweeps/{Sweep} answers: {await response.Content.ReadAsStringAsync()}");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Whether the NVIDIA driver sees a GPU (what NVML, and so the silo's GPU metrics, need).</summary>
    static bool GpuPresent() =>
        Directory.Exists("/proc/driver/nvidia/gpus") && Directory.EnumerateFileSystemEntries("/proc/driver/nvidia/gpus").Any();

    /// <summary>The union of the series names over every scrape, and how each scrape answered.</summary>
    sealed class ScrapeLog
    {
        readonly HashSet<string> names = new(StringComparer.Ordinal);
        readonly Dictionary<int, int> statusCounts = [];

        public int Count { get; private set; }

        public IReadOnlySet<string> Names => names;

        public string StatusCodes => string.Join(", ", statusCounts.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}"));

        public void Add((int Status, string Body) scrape)
        {
            Count++;
            statusCounts[scrape.Status] = statusCounts.GetValueOrDefault(scrape.Status) + 1;
            if (scrape.Status == 200) names.UnionWith(Exposition.SampleNames(scrape.Body));
        }
    }

    public void Dispose() => folder.Dispose();
}
