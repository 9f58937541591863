using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>Aggregates a sweep from the results its jobs left on disk, with the spec's metric and target.</summary>
public static class SweepResults
{
    public static MetricChoice MetricFor(MetricSpec metric) => (metric.Name switch
    {
        "test_loss" => MetricChoice.TestLoss,
        "train_loss" => MetricChoice.TrainLoss,
        _ => MetricChoice.TestMetric,
    }) with
    {
        Goal = metric.Goal == "min" ? Goal.LowerIsBetter : Goal.HigherIsBetter,
    };

    /// <param name="spec">The sweep's spec.</param>
    /// <param name="jobDirectories">Each job's folder; those without a result.json yet are skipped.</param>
    public static SweepAggregate Aggregate(SweepSpec spec, IEnumerable<string> jobDirectories) =>
        Aggregator.Aggregate(Read(jobDirectories), MetricFor(spec.Metric), spec.Metric.Target);

    /// <summary>The results of the jobs that have written one so far.</summary>
    public static IReadOnlyList<JobResult> Read(IEnumerable<string> jobDirectories) =>
        jobDirectories
            .Select(directory => new JobOutput(directory))
            .Where(output => File.Exists(output.ResultPath))
            .Select(output => output.Read())
            .ToList();
}
