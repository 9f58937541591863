using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>A dataset's tuning trials in trial order, the chosen configurations marked, each linking to its job.</summary>
internal static class TuningTable
{
    public static ReportTable Of(IEnumerable<TuningTrial> trials, IReadOnlyList<StudyCellResult> cells, StudyJobFolders jobs, string selectBy)
    {
        var table = new ReportTable(
        [
            new("optimizer"),
            new("trial", ColumnKind.Number, "the configuration's place among its optimizer's configurations"),
            new("hyperparameters", ColumnKind.Prose),
            new("chosen", Description: "the configuration the evaluation phase re-ran"),
            new("seed", ColumnKind.Number),
            new("state"),
            new($"best {selectBy}", ColumnKind.Number, "the trial's best validation value"),
            new("best so far", ColumnKind.Number, "the best over this optimizer's trials up to this one"),
            new("job"),
        ]);
        foreach (var trial in trials)
        {
            var chosen = cells.FirstOrDefault(c => c.Cell.Optimizer == trial.Optimizer)?.Chosen;
            var link = jobs.Link(trial.OutputDirectory, trial.JobId);
            table.Add(
                ReportCell.Of(trial.Optimizer), ReportCell.Count(trial.Trial),
                ReportCell.Of(StudyText.Configuration(trial.HyperParameters)),
                ReportCell.Of(StudyText.SameConfiguration(trial.HyperParameters, chosen) ? "chosen" : ""),
                new ReportCell(trial.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), trial.Seed),
                ReportCell.Of(StudyText.State(trial.State)),
                ReportCell.Number(trial.BestValidation), ReportCell.Number(trial.BestSoFar),
                link is null ? ReportCell.Of(trial.JobId) : ReportCell.LinksTo([link]));
        }
        return table;
    }
}
