using System.Diagnostics.Metrics;

namespace GradRetentionNet.Observability.Tests;

public sealed class SweepMetricsTests : IDisposable
{
    readonly Meter meter = new(SiloMetrics.MeterName);
    readonly SiloMetrics metrics;
    readonly MeasurementRecorder recorder;

    public SweepMetricsTests()
    {
        metrics = new SiloMetrics(meter, "silo-1");
        recorder = new MeasurementRecorder(meter);
    }

    Dictionary<(string? Sweep, string? State), double> SweepJobs() =>
        recorder.Observe().Where(r => r.Instrument == "grn.sweep.jobs").ToDictionary(r => (r["sweep"], r["state"]), r => r.Value);

    [Fact]
    public void Published_counts_cover_every_state_and_the_latest_publication_wins()
    {
        metrics.Sweeps.PublishJobCounts("s", new Dictionary<string, int> { ["pending"] = 3, ["running"] = 1 });
        metrics.Sweeps.PublishJobCounts("s", new Dictionary<string, int> { ["running"] = 2, ["completed"] = 2 });

        var jobs = SweepJobs();
        jobs.Should().BeEquivalentTo(new Dictionary<(string?, string?), double>
        {
            [("s", "pending")] = 0, [("s", "running")] = 2, [("s", "completed")] = 2,
            [("s", "diverged")] = 0, [("s", "failed")] = 0, [("s", "cancelled")] = 0, [("s", "suspended")] = 0, [("s", "stopped_early")] = 0,
        });
        recorder.Observe().Where(r => r.Instrument == "grn.sweep.jobs").Should().OnlyContain(r => r["silo"] == "silo-1" && r.Tags.Count == 3);
    }

    [Fact]
    public void The_series_go_when_the_publishing_activation_ends_but_not_when_an_older_one_does()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        metrics.Sweeps.PublishJobCounts("s", [new("running", 1)], first.Task);
        metrics.Sweeps.PublishJobCounts("other", [new("pending", 1)], new TaskCompletionSource().Task);
        // The sweep's coordinator was re-activated (e.g. on another silo and back): the new activation publishes.
        metrics.Sweeps.PublishJobCounts("s", [new("running", 2)], second.Task);

        first.SetResult();
        SweepJobs()[("s", "running")].Should().Be(2, "the old activation's end does not remove the new one's counts");

        second.SetResult();
        SweepJobs().Keys.Select(k => k.Sweep).Distinct().Should().Equal("other");
    }

    [Fact]
    public void Remove_and_retries()
    {
        metrics.Sweeps.PublishJobCounts("s", [new("failed", 1)]);
        metrics.Sweeps.RemoveJobCounts("s");
        SweepJobs().Should().BeEmpty();

        metrics.Sweeps.CountRetry("s");
        metrics.Sweeps.CountRetry("s");
        recorder.Observe().Where(r => r.Instrument == "grn.jobs.retried").Should().HaveCount(2)
            .And.OnlyContain(r => r.Value == 1 && r["sweep"] == "s" && r["silo"] == "silo-1" && r.Tags.Count == 2);
    }

    public void Dispose()
    {
        recorder.Dispose();
        metrics.Dispose();
        meter.Dispose();
    }
}
