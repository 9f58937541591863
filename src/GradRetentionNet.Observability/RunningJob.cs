namespace GradRetentionNet.Observability;

/// <summary>
/// A job training on this silo, as its gauges see it. The trainer's thread writes; the metrics
/// collection reads an immutable snapshot, so neither waits for the other.
/// </summary>
public sealed class RunningJob : IDisposable
{
    readonly JobMetrics owner;
    readonly int epochs;
    readonly KeyValuePair<string, object?>[] groupTags;
    JobReadings readings = new();

    internal RunningJob(JobMetrics owner, JobLabels labels, int epochs, KeyValuePair<string, object?> silo)
    {
        this.owner = owner;
        this.epochs = epochs;
        Labels = labels;
        groupTags = GroupTags(silo, labels);
        Tags = [.. groupTags, new("job", labels.JobId), new("seed", labels.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    public JobLabels Labels { get; }

    public JobReadings Readings => Volatile.Read(ref readings);

    /// <summary>silo, sweep, dataset, optimizer, job, seed: the per-job gauges' labels.</summary>
    internal KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>silo, sweep, dataset, optimizer: the labels of counters and histograms (no per-job series).</summary>
    internal static KeyValuePair<string, object?>[] GroupTags(KeyValuePair<string, object?> silo, JobLabels labels) =>
        [silo, new("sweep", labels.Sweep), new("dataset", labels.Dataset), new("optimizer", labels.Optimizer)];

    /// <summary>Steps trained since the last call, which took <paramref name="wallTime"/> together.</summary>
    public void StepsFinished(int steps, TimeSpan wallTime, StepReading last)
    {
        if (steps <= 0) return;
        // The trainer reads the device once per batch of steps: each step gets the batch's mean.
        var each = wallTime.TotalSeconds / steps;
        for (var i = 0; i < steps; i++) owner.StepDuration.Record(each, groupTags);
        Update(r => r with
        {
            TrainLoss = last.Loss,
            GradientMean = last.GradientMean,
            GradientVariance = last.GradientVariance,
            LearningRate = last.LearningRate,
            Momentum = last.Momentum,
            Epsilon = last.Epsilon ?? r.Epsilon,
        });
    }

    /// <summary>An epoch (train and test) ended after <paramref name="wallTime"/>.</summary>
    public void EpochFinished(int epoch, double testMetric, TimeSpan wallTime)
    {
        owner.EpochDuration.Record(wallTime.TotalSeconds, groupTags);
        Update(r => r with { Epoch = epoch, Progress = epochs > 0 ? Math.Clamp((double)epoch / epochs, 0, 1) : null, TestMetric = testMetric });
    }

    // One writer (the trainer's thread); readers take whatever snapshot is current.
    void Update(Func<JobReadings, JobReadings> change) => Volatile.Write(ref readings, change(readings));

    /// <summary>The job left its slot: its series disappear from the next scrape.</summary>
    public void Dispose() => owner.Remove(this);
}
