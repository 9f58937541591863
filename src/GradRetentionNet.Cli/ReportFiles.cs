using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
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
        var aggregate = SweepAggregation.Aggregate(spec, results);
        AggregateTable.Write(AggregateRow.From(aggregate));
        var aggregatePath = SweepAggregation.WriteAggregateFile(aggregate, folder);
        var reportPath = SweepReport.Write(folder, spec.Name, results, aggregate);
        AnsiConsole.MarkupLineInterpolated($"aggregate: {aggregatePath}");
        AnsiConsole.MarkupLineInterpolated($"report:    {reportPath}");
    }
}
