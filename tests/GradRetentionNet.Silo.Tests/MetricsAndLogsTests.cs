using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GradRetentionNet.Observability.Tests;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests;

/// <summary>The real grn-silo training a job: /metrics scraped during and after it, its JSON log lines read.</summary>
public sealed class MetricsAndLogsTests : IDisposable
{
    const string Token = "metrics-test-token-9f2c";
    const string SiloName = "silo-under-test";
    readonly string folder = Directory.CreateTempSubdirectory("grn-silo-metrics-").FullName;

    /// <summary>
    /// A counter exists from its first increment, and this sweep's one job is never retried; the
    /// monitoring tests' live sweep makes retries happen and checks it there.
    /// </summary>
    static readonly string[] CoordinatorMetrics = ["grn_jobs_retried_total"];

    static async Task<IReadOnlyList<Sample>> Scrape(GrnSiloProcess silo)
    {
        var response = await silo.Client.GetAsync("/metrics"); // no Authorization header
        response.StatusCode.Should().Be(HttpStatusCode.OK, "/metrics needs no token");
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    static double Value(IReadOnlyList<Sample> samples, string name, params (string Label, string Value)[] labels) =>
        double.Parse(samples.Single(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Value, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_silo_training_a_job_exports_the_contract_at_metrics_and_logs_json_lines_carrying_the_job()
    {
        using var silo = SiloProcess.Start(folder, Token, new Dictionary<string, string>
        {
            ["GRN_Silo__LogFormat"] = "json",
            ["GRN_Silo__Name"] = SiloName,
        });
        await silo.Ready();

        var idle = await Scrape(silo);
        Value(idle, "grn_slots_total", ("silo", SiloName)).Should().Be(1);
        Value(idle, "grn_slots_busy", ("silo", SiloName)).Should().Be(0);
        idle.Should().Contain(s => s.Name.StartsWith("orleans_")).And.Contain(s => s.Name.StartsWith("dotnet_"));

        // Enough steps (50 an epoch) that the job is seen training; EnhancedSGD so that ε is exported.
        var submit = new HttpRequestMessage(HttpMethod.Post, "/api/sweeps")
        {
            Content = new StringContent("""
                name: m
                datasets: [mnist-digits-10k]
                optimizers: [enhanced-sgd]
                seeds: [1]
                epochs: 2
                limits: { max_train_samples: 3200, max_test_samples: 128 }
                """, Encoding.UTF8, "application/yaml"),
        };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        (await silo.Client.SendAsync(submit)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var contract = MetricsContract.Read();
        var perJob = contract.Where(m => m.Labels.Contains("job")).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        IReadOnlyList<Sample> during;
        do
        {
            during = await Scrape(silo);
            if (perJob.All(m => during.Any(s => s.Name == m.Name))) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);

        foreach (var metric in perJob)
            during.Should().ContainSingle(s => s.Name == metric.Name, $"{metric.Name} is exported while the job trains")
                .Which.Labels.Should().Contain(new Dictionary<string, string>
                {
                    ["silo"] = SiloName, ["sweep"] = "m", ["dataset"] = "mnist-digits-10k", ["optimizer"] = "enhanced-sgd", ["seed"] = "1",
                }).And.ContainKey("job");
        Value(during, "grn_jobs_running", ("sweep", "m")).Should().Be(1);
        Value(during, "grn_slots_busy").Should().Be(1);
        Value(during, "grn_job_progress_ratio").Should().BeInRange(0, 1);
        var jobId = during.First(s => s.Name == "grn_job_epoch").Labels["job"];

        deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await Completed(silo) && DateTime.UtcNow < deadline) await Task.Delay(200);
        var after = await Scrape(silo);

        after.Should().NotContain(s => s.Name.StartsWith("grn_job_") || s.Name == "grn_jobs_running", "a finished job's series vanish");
        var group = new[] { ("silo", SiloName), ("sweep", "m"), ("dataset", "mnist-digits-10k"), ("optimizer", "enhanced-sgd") };
        Value(after, "grn_jobs_completed_total", group).Should().Be(1);
        Value(after, "grn_jobs_failed_total", group).Should().Be(0);
        Value(after, "grn_epoch_duration_seconds_count", group).Should().Be(2);
        Value(after, "grn_step_duration_seconds_count", group).Should().Be(100);
        Value(after, "grn_slots_busy").Should().Be(0);

        var seen = during.Concat(after).ToList();
        foreach (var metric in contract.Where(m => !m.IsGpu && !CoordinatorMetrics.Contains(m.Name)))
            foreach (var name in metric.SeriesNames)
                seen.Where(s => s.Name == name).Should().NotBeEmpty($"{name} is in the contract")
                    .And.OnlyContain(s => metric.Labels.All(s.Labels.ContainsKey) && s.Labels["silo"] == SiloName, $"{name} carries {string.Join(", ", metric.Labels)}");
        seen.Should().NotContain(s => s.Name.StartsWith("grn_gpu_"), "this machine has no GPU");

        var output = silo.Output;
        output.Should().NotContain(Token, "the token is never logged");
        var lines = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Should().NotBeEmpty().And.OnlyContain(l => Text(l, "@t") != null && Text(l, "@mt") != null, "every line is compact JSON");
        var jobLines = lines.Where(l => Text(l, "SourceContext") is "GradRetentionNet.Grains.JobRunner" or "GradRetentionNet.Grains.TrainingJobExecutor").ToList();
        jobLines.Should().HaveCountGreaterThanOrEqualTo(2, "the job's start and end are logged");
        jobLines.Should().OnlyContain(l => Text(l, "SweepId") == "m" && Text(l, "JobId") == jobId);
        lines.Count(l => Text(l, "@mt")!.StartsWith("No GPU metrics")).Should().Be(1);
        lines.Should().NotContain(l => (Text(l, "SourceContext") ?? "").StartsWith("Orleans") && Text(l, "@l") == null,
            "Orleans logs nothing below Warning (compact JSON leaves @l out for Information)");
    }

    static string? Text(JsonElement line, string property) => line.TryGetProperty(property, out var value) ? value.ToString() : null;

    static async Task<bool> Completed(GrnSiloProcess silo)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/sweeps/m");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var status = JsonDocument.Parse(await (await silo.Client.SendAsync(request)).Content.ReadAsStringAsync());
        return status.RootElement.GetProperty("state").GetString() != "running";
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
