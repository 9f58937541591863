using System.Diagnostics.Metrics;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Observability.Tests;

public sealed class JobMetricsTests : IDisposable
{
    readonly Meter meter = new(SiloMetrics.MeterName);
    readonly SiloMetrics metrics;
    readonly MeasurementRecorder recorder;

    static readonly JobLabels Job = new("sweep-a", "job-1", "mnist-digits-10k", "enhanced-sgd", 7);

    public JobMetricsTests()
    {
        metrics = new SiloMetrics(meter, "silo-1");
        recorder = new MeasurementRecorder(meter);
    }

    [Fact]
    public void A_running_job_reports_its_latest_values_with_its_labels_and_vanishes_when_disposed()
    {
        var job = metrics.Jobs.Start(Job, epochs: 4);
        recorder.Observe().Where(r => r.Instrument.StartsWith("grn.job.")).Should().BeEmpty("nothing has been read from the trainer yet");

        job.StepsFinished(25, TimeSpan.FromSeconds(1), new StepReading(0.5, 1e-4, 2e-3, 0.01, 0.9, 0.3));
        job.EpochFinished(1, 0.875, TimeSpan.FromSeconds(12));
        var gauges = recorder.Observe().Where(r => r.Instrument.StartsWith("grn.job.")).ToDictionary(r => r.Instrument);

        gauges.Keys.Should().BeEquivalentTo("grn.job.epoch", "grn.job.progress.ratio", "grn.job.train_loss", "grn.job.test_metric",
            "grn.job.gradient_mean", "grn.job.gradient_variance", "grn.job.learning_rate", "grn.job.momentum", "grn.job.epsilon");
        gauges["grn.job.epoch"].Value.Should().Be(1);
        gauges["grn.job.progress.ratio"].Value.Should().Be(0.25);
        gauges["grn.job.train_loss"].Value.Should().Be(0.5);
        gauges["grn.job.test_metric"].Value.Should().Be(0.875);
        gauges["grn.job.gradient_mean"].Value.Should().Be(1e-4);
        gauges["grn.job.gradient_variance"].Value.Should().Be(2e-3);
        gauges["grn.job.learning_rate"].Value.Should().Be(0.01);
        gauges["grn.job.momentum"].Value.Should().Be(0.9);
        gauges["grn.job.epsilon"].Value.Should().Be(0.3);
        gauges.Values.Should().OnlyContain(r => r.Tags.Count == 6 && r["silo"] == "silo-1" && r["sweep"] == "sweep-a" && r["job"] == "job-1"
                                                && r["dataset"] == "mnist-digits-10k" && r["optimizer"] == "enhanced-sgd" && r["seed"] == "7");

        job.Dispose();
        recorder.Observe().Where(r => r.Instrument.StartsWith("grn.job")).Should().BeEmpty("a job that left its slot has no series");
    }

    [Fact]
    public void Epsilon_is_reported_only_once_an_optimizer_has_given_one_and_kept_between_decisions()
    {
        using var sgd = metrics.Jobs.Start(Job with { JobId = "job-sgd", Optimizer = "sgd" }, 2);
        using var enhanced = metrics.Jobs.Start(Job, 2);
        sgd.StepsFinished(1, TimeSpan.FromMilliseconds(30), new StepReading(1, 0, 1, 0.1, 0, null));
        enhanced.StepsFinished(1, TimeSpan.FromMilliseconds(30), new StepReading(1, 0, 1, 0.1, 0.9, 0.25));
        enhanced.StepsFinished(1, TimeSpan.FromMilliseconds(30), new StepReading(1, 0, 1, 0.1, 0.9, null));

        recorder.Observe().Where(r => r.Instrument == "grn.job.epsilon").Should().ContainSingle()
            .Which.Should().Match<Recorded>(r => r["job"] == "job-1" && r.Value == 0.25);
    }

    [Fact]
    public void Jobs_running_counts_per_sweep()
    {
        using var a1 = metrics.Jobs.Start(Job, 1);
        using var a2 = metrics.Jobs.Start(Job with { JobId = "job-2" }, 1);
        var b1 = metrics.Jobs.Start(Job with { Sweep = "sweep-b", JobId = "job-3" }, 1);
        b1.Dispose();
        using var b2 = metrics.Jobs.Start(Job with { Sweep = "sweep-b", JobId = "job-4" }, 1);

        recorder.Observe().Where(r => r.Instrument == "grn.jobs.running").Select(r => (r["silo"], r["sweep"], r.Value))
            .Should().BeEquivalentTo([("silo-1", "sweep-a", 2.0), ("silo-1", "sweep-b", 1.0)]);
    }

    [Fact]
    public void Outcomes_are_counted_per_sweep_dataset_and_optimizer_and_cancelled_attempts_are_not()
    {
        using (metrics.Jobs.Start(Job with { Dataset = "cifar10" }, 1))
        {
            // A started job's outcome series exist at 0 before it ends.
        }
        metrics.Jobs.CountEnd(Job, JobState.Completed);
        metrics.Jobs.CountEnd(Job, JobState.Failed);
        metrics.Jobs.CountEnd(Job, JobState.Diverged);
        metrics.Jobs.CountEnd(Job, JobState.Cancelled);
        metrics.Jobs.CountEnd(Job, JobState.StoppedEarly);
        metrics.Jobs.CountEnd(Job with { Dataset = "fashion-mnist" }, JobState.Failed);

        var counted = recorder.Observe().Where(r => r.Instrument.StartsWith("grn.jobs.") && r.Instrument != "grn.jobs.running").ToList();
        counted.Select(r => (r.Instrument, r["dataset"], r.Value)).Should().BeEquivalentTo([
            ("grn.jobs.completed", "cifar10", 0.0), ("grn.jobs.failed", "cifar10", 0.0), ("grn.jobs.diverged", "cifar10", 0.0),
            ("grn.jobs.stopped_early", "cifar10", 0.0),
            ("grn.jobs.completed", "mnist-digits-10k", 1.0), ("grn.jobs.failed", "mnist-digits-10k", 1.0),
            ("grn.jobs.diverged", "mnist-digits-10k", 1.0), ("grn.jobs.stopped_early", "mnist-digits-10k", 1.0),
            ("grn.jobs.failed", "fashion-mnist", 1.0)]);
        counted.Should().OnlyContain(r => r.Tags.Keys.Order().SequenceEqual(new[] { "dataset", "optimizer", "silo", "sweep" }));
    }

    [Fact]
    public void Step_and_epoch_durations_are_recorded_per_step_and_per_epoch()
    {
        using var job = metrics.Jobs.Start(Job, 2);
        job.StepsFinished(4, TimeSpan.FromMilliseconds(100), new StepReading(1, 0, 1, 0.1, 0.9, null));
        job.StepsFinished(0, TimeSpan.FromMilliseconds(100), new StepReading(1, 0, 1, 0.1, 0.9, null));
        job.EpochFinished(1, 0.5, TimeSpan.FromSeconds(3));

        var durations = recorder.Observe().Where(r => r.Instrument.EndsWith(".duration")).ToList();
        durations.Where(r => r.Instrument == "grn.step.duration").Select(r => r.Value).Should().Equal(0.025, 0.025, 0.025, 0.025);
        durations.Where(r => r.Instrument == "grn.epoch.duration").Select(r => r.Value).Should().Equal(3.0);
        durations.Should().OnlyContain(r => r.Tags.Count == 4 && r["silo"] == "silo-1" && r["sweep"] == "sweep-a");
    }

    [Fact]
    public void Slot_gauges_read_the_runner_once_it_is_attached_and_process_memory_is_the_working_set()
    {
        recorder.Observe().Where(r => r.Instrument.StartsWith("grn.slots") || r.Instrument == "grn.jobs.queued").Should().BeEmpty();
        metrics.ObserveSlots(() => new SlotUsage(Total: 3, Busy: 2, Queued: 5));

        var observed = recorder.Observe();
        observed.Where(r => r.Instrument is "grn.slots.total" or "grn.slots.busy" or "grn.jobs.queued")
            .Select(r => (r.Instrument, r.Value, r["silo"])).Should().BeEquivalentTo([
                ("grn.slots.total", 3.0, "silo-1"), ("grn.slots.busy", 2.0, "silo-1"), ("grn.jobs.queued", 5.0, "silo-1")]);
        observed.Should().ContainSingle(r => r.Instrument == "grn.process.memory").Which.Value.Should().BeGreaterThan(10_000_000);
    }

    public void Dispose()
    {
        recorder.Dispose();
        metrics.Dispose();
        meter.Dispose();
    }
}
