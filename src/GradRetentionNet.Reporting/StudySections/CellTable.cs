using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// A dataset's cells: per optimizer, the configuration the tuning phase chose, its final test
/// metric over the evaluation seeds and its time to target; each row links to its evaluation jobs.
/// </summary>
internal static class CellTable
{
    public static ReportTable Of(IEnumerable<StudyCellResult> cells, StudyJobFolders jobs, string selectBy)
    {
        var table = new ReportTable(
        [
            new("optimizer"),
            new("chosen hyperparameters", ColumnKind.Prose),
            new("tuned", ColumnKind.Number, "configurations tried in the tuning phase"),
            new($"tuning {selectBy}", ColumnKind.Number, $"the chosen configuration's median best {selectBy} over tuning seeds"),
            new("n", ColumnKind.Number, "evaluation seeds that finished"),
            new("mean", ColumnKind.Number, "final test metric"),
            new("sd", ColumnKind.Number),
            new("median", ColumnKind.Number),
            new("95 % CI", ColumnKind.Number, "Student-t interval of the mean; sorts by its lower end"),
            new("failed seeds", ColumnKind.Number),
            new("steps to target", ColumnKind.Number, "median over finished seeds; missed when half or more never reached it"),
            new("seconds to target", ColumnKind.Number, "median over finished seeds"),
            new("reached", ColumnKind.Number, "seeds that reached the target / finished seeds"),
            new("jobs (by seed)", ColumnKind.Prose, "each evaluation seed's job folder"),
        ]);
        foreach (var cell in cells)
        {
            var summary = cell.Final.Summary;
            var links = cell.EvaluationJobs.OrderBy(j => j.Seed)
                .Select(j => jobs.Link(j.OutputDirectory, j.State == JobState.Completed ? $"{j.Seed}" : $"{j.Seed} ({StudyText.State(j.State)})"))
                .OfType<ReportLink>().ToList();
            table.Add(
                ReportCell.Of(cell.Cell.Optimizer),
                ReportCell.Of(StudyText.Configuration(cell.Chosen)),
                ReportCell.Count(cell.TunedConfigurations),
                ReportCell.Number(cell.SelectionValue),
                ReportCell.Count(cell.Final.Count),
                ReportCell.Number(summary?.Mean),
                ReportCell.Number(summary?.StandardDeviation),
                ReportCell.Number(cell.Final.Median),
                ReportCell.Interval(summary?.Interval?.Lower, summary?.Interval?.Upper),
                ReportCell.Count(cell.Final.FailedSeeds),
                ReportCell.Number(cell.Time.MedianSteps, "N0", infinity: "missed"),
                ReportCell.Number(cell.Time.MedianSeconds, "F1", infinity: "missed"),
                cell.Time.Target is null ? ReportCell.Of("no target") : ReportCell.OutOf(cell.Time.Reached, cell.Time.FinishedSeeds),
                ReportCell.LinksTo(links, cell.EvaluationJobs.Count == 0 ? "none" : "not beside the report"));
        }
        return table;
    }
}
