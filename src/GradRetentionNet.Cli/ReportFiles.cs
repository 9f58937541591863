using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Reporting;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Study;
using GradRetentionNet.Sweeps.Tables;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>
/// What grn run and grn report leave in a sweep's report folder, and print. An ordinary sweep: the
/// aggregate table on the console, aggregate.json and the HTML report with its PNGs. A study (a spec
/// with <c>protocol:</c>): its verdict table on the console, its tables as CSV (verdicts.csv, ...) and
/// its report page, which starts with the verdicts.
/// </summary>
internal static class ReportFiles
{
    /// <param name="folderOf">Each job's output folder (links from the report's rows; batches.csv for per-step curves).</param>
    public static async Task Write(SweepSpec spec, IReadOnlyList<JobResult> results, string folder, Func<JobResult, string> folderOf)
    {
        if (spec.Protocol is not null)
        {
            await WriteStudy(spec, results, folder, folderOf);
            return;
        }
        var aggregate = SweepAggregation.Aggregate(spec, results);
        AggregateTable.Write(AggregateRow.From(aggregate));
        var aggregatePath = SweepAggregation.WriteAggregateFile(aggregate, folder);
        var reportPath = SweepReport.Write(folder, spec.Name, results, aggregate);
        AnsiConsole.MarkupLineInterpolated($"aggregate: {aggregatePath}");
        AnsiConsole.MarkupLineInterpolated($"report:    {reportPath}");
    }

    static async Task WriteStudy(SweepSpec spec, IReadOnlyList<JobResult> results, string folder, Func<JobResult, string> folderOf)
    {
        var study = StudyAnalysis.Analyze(spec, results, folderOf);
        StudyConsole.WriteVerdicts(study);
        var tables = await TableFiles.WriteAsync(StudyTables.All(study), folder, TableFormat.Csv, CancellationToken.None);
        var reportPath = StudyReport.Write(folder, study, results);
        AnsiConsole.MarkupLineInterpolated($"tables:    {string.Join(", ", tables.Select(Path.GetFileName))} in {folder}");
        AnsiConsole.MarkupLineInterpolated($"report:    {reportPath}");
    }
}
