using GradRetentionNet.Reporting;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>The aggregate table on the console plus aggregate.json and the HTML report with its PNGs in one folder.</summary>
internal static class ReportFiles
{
    public static void Write(SweepSpec spec, IReadOnlyList<JobResult> results, string folder)
    {
        var aggregate = Aggregator.Aggregate(results, SweepResults.MetricFor(spec.Metric), spec.Metric.Target);
        AggregateTable.Write(AggregateRow.From(aggregate));

        Directory.CreateDirectory(folder);
        var aggregatePath = Path.Combine(folder, "aggregate.json");
        File.WriteAllText(aggregatePath, System.Text.Json.JsonSerializer.Serialize(aggregate, JobJson.Options));
        var reportPath = SweepReport.Write(folder, spec.Name, results, aggregate);
        AnsiConsole.MarkupLineInterpolated($"aggregate: {aggregatePath}");
        AnsiConsole.MarkupLineInterpolated($"report:    {reportPath}");
    }
}
