using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>Per dataset, the tuning curves (the report's own plot): the best validation figure so far against the trial number.</summary>
internal static class TuningSection
{
    public static void Write(MarkdownDocument page, StudyResults study, PageImages images, OptimizerColours colours)
    {
        var selectBy = StudyText.SelectBy(study.Protocol);
        page.Heading(2, "Tuning curves");
        page.Paragraph($"Per dataset and optimizer, the best {selectBy} so far against the tuning trial (configurations in the order " +
            $"the search drew them; faint points are each trial's own best). Every optimizer had the same budget from its own search space; " +
            "how fast a curve rises is how forgiving that space is.");
        foreach (var dataset in study.Datasets)
        {
            page.Heading(3, dataset);
            var trials = study.Tuning.Where(t => t.Dataset == dataset).ToList();
            var budget = study.Cells.Where(c => c.Cell.Dataset == dataset).Select(c => $"{c.Cell.Optimizer} {c.TunedConfigurations}");
            page.Paragraph($"Configurations tuned: {string.Join(", ", budget)}.");
            images.Add(page, TuningCurvePlot.Of(dataset, trials, study.SelectGoal, selectBy, colours), $"tuning-{PlotImages.FileNamePart(dataset)}.png",
                $"best {selectBy} so far against trial number on {dataset}");
        }
    }
}
