using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Reporting.SweepSections;

/// <summary>
/// The final metric over seeds per dataset × optimizer × grid point (the aggregate's rows, best rank
/// first), each row linking to its seeds' job folders where they are beside the report.
/// </summary>
internal static class SweepAggregateTable
{
    static readonly ReportColumn[] Columns =
    [
        new("dataset"), new("optimizer"), new("grid"),
        new("n", ColumnKind.Number, "completed seeds / all seeds"),
        new("mean", ColumnKind.Number), new("sd", ColumnKind.Number),
        new("95 % CI", ColumnKind.Number, "Student-t interval of the mean; sorts by its lower end"),
        new("min", ColumnKind.Number), new("max", ColumnKind.Number),
        new("reached target", ColumnKind.Number, "seeds that reached the target / seeds with a curve"),
        new("vs best baseline"),
        new("Welch p", ColumnKind.Number), new("rank", ColumnKind.Number),
        new("jobs (by seed)", ColumnKind.Prose, "each seed's job folder"),
    ];

    public static ReportTable Of(string folder, string sweep, IReadOnlyList<JobResult> results, SweepAggregate aggregate)
    {
        var outputRoot = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        var jobsOf = results.ToLookup(r => (r.Spec.Dataset, r.Spec.Model, r.Spec.Optimizer, GridPoint.From(r.Spec.HyperParameters).Canonical));
        var table = new ReportTable(Columns);
        foreach (var row in AggregateRow.From(aggregate))
        {
            var links = jobsOf[(row.Dataset, row.Model, row.Optimizer, row.Grid)]
                .OrderBy(r => r.Spec.Seed)
                .Select(r => ReportLink.ToFolder(folder, PlannedJob.FolderOf(outputRoot, sweep, r.Spec, r.JobId), $"{r.Spec.Seed}"))
                .OfType<ReportLink>().ToList();
            table.Add(
                ReportCell.Of(row.Dataset), ReportCell.Of(row.Optimizer), ReportCell.Of(row.Grid),
                ReportCell.OutOf(row.Completed, row.Total),
                ReportCell.Number(row.Mean), ReportCell.Number(row.StandardDeviation),
                ReportCell.Interval(row.IntervalLower, row.IntervalUpper),
                ReportCell.Number(row.Min), ReportCell.Number(row.Max),
                row.TargetOutOf is { } outOf ? ReportCell.OutOf(row.TargetReached ?? 0, outOf) : ReportCell.Of(null),
                ReportCell.Of(row.DifferenceToBaseline is { } difference
                    ? $"{difference.ToString("+0.0000;-0.0000", System.Globalization.CultureInfo.InvariantCulture)} {row.BaselineComparison}"
                    : row.BaselineComparison),
                ReportCell.PValue(row.WelchP),
                row.Rank is { } rank ? ReportCell.Count(rank) : ReportCell.Of(null),
                ReportCell.LinksTo(links));
        }
        return table;
    }
}
