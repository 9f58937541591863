using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Observability;

/// <summary>
/// The registry of jobs training on this silo, which the per-job observable gauges read at each
/// collection (so a job's series vanish once its <see cref="RunningJob"/> is disposed), plus the
/// outcome counters and the epoch and step duration histograms.
/// </summary>
public sealed class JobMetrics
{
    /// <summary>Epochs last from a second (tiny data) to an hour (BERT on a CPU).</summary>
    internal static readonly double[] EpochSeconds = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 3600];

    /// <summary>Steps last from a millisecond (small CNN on a GPU) to seconds (BERT on a CPU).</summary>
    internal static readonly double[] StepSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    readonly KeyValuePair<string, object?> silo;
    readonly ConcurrentDictionary<RunningJob, byte> running = new();
    readonly Counter<long> completed, failed, diverged, stoppedEarly;

    internal JobMetrics(Meter meter, KeyValuePair<string, object?> silo)
    {
        this.silo = silo;
        completed = meter.CreateCounter<long>("grn.jobs.completed", description: "attempts that ended completed");
        failed = meter.CreateCounter<long>("grn.jobs.failed", description: "attempts that ended failed");
        diverged = meter.CreateCounter<long>("grn.jobs.diverged", description: "attempts that ended diverged (NaN/Inf loss)");
        stoppedEarly = meter.CreateCounter<long>("grn.jobs.stopped_early", description: "attempts the sweep's early stopping ended");
        EpochDuration = meter.CreateHistogram("grn.epoch.duration", "s", "wall time of an epoch (train + test)", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = EpochSeconds });
        StepDuration = meter.CreateHistogram("grn.step.duration", "s", "wall time of a training step", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = StepSeconds });

        meter.CreateObservableGauge("grn.jobs.running", RunningPerSweep, description: "jobs training on this silo");
        Gauge(meter, "grn.job.epoch", r => r.Epoch, "last finished epoch of a running job");
        Gauge(meter, "grn.job.progress.ratio", r => r.Progress, "finished epochs / epochs (0-1)");
        Gauge(meter, "grn.job.train_loss", r => r.TrainLoss, "latest training loss");
        Gauge(meter, "grn.job.test_metric", r => r.TestMetric, "test metric after the latest epoch (accuracy or mIoU)");
        Gauge(meter, "grn.job.gradient_mean", r => r.GradientMean, "latest batch gradient mean");
        Gauge(meter, "grn.job.gradient_variance", r => r.GradientVariance, "latest batch gradient variance");
        Gauge(meter, "grn.job.learning_rate", r => r.LearningRate, "effective learning rate");
        Gauge(meter, "grn.job.momentum", r => r.Momentum, "effective momentum");
        Gauge(meter, "grn.job.epsilon", r => r.Epsilon, "EnhancedSGD's exploration rate (EnhancedSGD jobs only)");
    }

    internal Histogram<double> EpochDuration { get; }
    internal Histogram<double> StepDuration { get; }

    /// <summary>Jobs registered now (for tests and diagnostics).</summary>
    public int RunningCount => running.Count;

    /// <summary>Registers a job that has taken a slot; dispose the handle when it stops training.</summary>
    public RunningJob Start(JobLabels labels, int epochs)
    {
        var job = new RunningJob(this, labels, epochs, silo);
        // Outcome series start at 0 with the job, so increase() sees its first outcome.
        var tags = RunningJob.GroupTags(silo, labels);
        foreach (var outcome in new[] { completed, failed, diverged, stoppedEarly }) outcome.Add(0, tags);
        running[job] = 0;
        return job;
    }

    internal void Remove(RunningJob job) => running.TryRemove(job, out _);

    /// <summary>Counts how an attempt ended: completed, failed, diverged or stopped early (cancelled attempts are not counted).</summary>
    public void CountEnd(JobLabels labels, JobState state)
    {
        var counter = state switch
        {
            JobState.Completed => completed,
            JobState.Failed => failed,
            JobState.Diverged => diverged,
            JobState.StoppedEarly => stoppedEarly,
            _ => null,
        };
        counter?.Add(1, RunningJob.GroupTags(silo, labels));
    }

    IEnumerable<Measurement<int>> RunningPerSweep() =>
        running.Keys.GroupBy(j => j.Labels.Sweep)
            .Select(sweep => new Measurement<int>(sweep.Count(), silo, new("sweep", sweep.Key)));

    void Gauge(Meter meter, string name, Func<JobReadings, double?> value, string description) =>
        meter.CreateObservableGauge(name, () => Observe(value), description: description);

    // Readings not taken yet (no flush, no epoch so far) report nothing rather than a made-up zero.
    IEnumerable<Measurement<double>> Observe(Func<JobReadings, double?> value)
    {
        foreach (var job in running.Keys)
            if (value(job.Readings) is { } reading) yield return new Measurement<double>(reading, job.Tags);
    }
}
