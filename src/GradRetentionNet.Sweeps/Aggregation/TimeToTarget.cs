using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>
/// When one job first reached the target: the epoch number and the wall time to the end of
/// that epoch (cumulative train + test seconds). Both null when it never did.
/// </summary>
public sealed record TimeToTarget(string JobId, long Seed, int? Epoch, double? Seconds)
{
    public bool Reached => Epoch is not null;

    public static TimeToTarget Of(JobResult result, MetricChoice metric, double target)
    {
        var seconds = 0.0;
        foreach (var epoch in result.Epochs)
        {
            seconds += epoch.TrainSeconds + epoch.TestSeconds;
            var value = metric.ValueOf(epoch);
            if (double.IsFinite(value) && metric.Reaches(value, target))
                return new(result.JobId, result.Spec.Seed, epoch.Epoch, seconds);
        }
        return new(result.JobId, result.Spec.Seed, null, null);
    }
}

/// <summary>
/// Time-to-target over a group's completed seeds: how many reached it, and the mean and median
/// epochs and seconds over those that did (null when none did).
/// </summary>
public sealed record TimeToTargetSummary(
    double Target,
    int Reached,
    int OutOf,
    double? MeanEpochs,
    double? MedianEpochs,
    double? MeanSeconds,
    double? MedianSeconds,
    IReadOnlyList<TimeToTarget> Jobs)
{
    public static TimeToTargetSummary Of(IReadOnlyList<JobResult> completed, MetricChoice metric, double target)
    {
        var jobs = completed.Select(r => TimeToTarget.Of(r, metric, target)).ToList();
        var reached = jobs.Where(j => j.Reached).ToList();
        var epochs = reached.Select(j => (double)j.Epoch!.Value).ToList();
        var seconds = reached.Select(j => j.Seconds!.Value).ToList();
        return new(target, reached.Count, jobs.Count,
            MeanOrNull(epochs), Median(epochs), MeanOrNull(seconds), Median(seconds), jobs);
    }

    static double? MeanOrNull(IReadOnlyList<double> values) => values.Count == 0 ? null : values.Average();

    internal static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
