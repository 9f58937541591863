using GradRetentionNet.Contracts.Files;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>
/// The one aggregation of a sweep — used by the coordinator (aggregate.json when a sweep ends), the
/// HTTP API (results) and the CLI (tables and reports): results read from the jobs' folders,
/// compared on the spec's metric with its target.
/// </summary>
public static class SweepAggregation
{
    public static MetricChoice MetricFor(MetricSpec metric)
    {
        var choice = metric.Name switch
        {
            "test_loss" => MetricChoice.TestLoss,
            "train_loss" => MetricChoice.TrainLoss,
            "validation_metric" => MetricChoice.ValidationMetric,
            "validation_loss" => MetricChoice.ValidationLoss,
            _ => MetricChoice.TestMetric,
        };
        return choice with { Goal = metric.Goal == "min" ? Goal.LowerIsBetter : Goal.HigherIsBetter };
    }

    /// <summary>Aggregates <paramref name="results"/> with the spec's metric and target.</summary>
    public static SweepAggregate Aggregate(SweepSpec spec, IEnumerable<JobResult> results) =>
        Aggregator.Aggregate(results, MetricFor(spec.Metric), spec.Metric.Target);

    /// <param name="spec">The sweep's spec.</param>
    /// <param name="jobDirectories">Each job's folder; those without a result.json yet are skipped.</param>
    public static SweepAggregate Aggregate(SweepSpec spec, IEnumerable<string> jobDirectories) => Aggregate(spec, Read(jobDirectories));

    /// <summary>The results of the jobs that have written one so far.</summary>
    public static IReadOnlyList<JobResult> Read(IEnumerable<string> jobDirectories) =>
        jobDirectories
            .Select(directory => Path.Combine(directory, JobFiles.Result))
            .Where(File.Exists)
            .Select(path => JobJson.Deserialize(File.ReadAllText(path)))
            .ToList();

    /// <summary>Writes the aggregate as <c>aggregate.json</c> in <paramref name="folder"/>, atomically; returns its path.</summary>
    public static string WriteAggregateFile(SweepSpec spec, IEnumerable<string> jobDirectories, string folder) =>
        WriteAggregateFile(Aggregate(spec, jobDirectories), folder);

    public static string WriteAggregateFile(SweepAggregate aggregate, string folder)
    {
        var path = Path.Combine(folder, "aggregate.json");
        AtomicFile.WriteText(path, System.Text.Json.JsonSerializer.Serialize(aggregate, JobJson.Options));
        return path;
    }
}
