using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Reporting.Markdown.MarkdownNumbers;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// Per dataset and optimizer: the configuration the tuning phase chose, the final test metric over
/// the evaluation seeds, and the time to the dataset's target in steps and seconds.
/// </summary>
internal static class TimeToTargetSection
{
    public static void Write(MarkdownDocument page, StudyResults study)
    {
        var selectBy = StudyText.SelectBy(study.Protocol);
        page.Heading(2, "Time to target and final test metric");
        page.Paragraph($"Per dataset and optimizer: the configuration the tuning phase chose on the {selectBy}, the final test metric " +
            "over the evaluation seeds (mean ± sd, median, Student-t 95 % interval of the mean), and the time to the dataset's target: " +
            "the median over the finished seeds of the steps and training seconds until the validation figure first reached it, " +
            "∞ (missed) when half of them or more never did.");
        foreach (var dataset in study.Datasets)
        {
            page.Heading(3, dataset);
            page.Paragraph(Target(study, dataset, selectBy));
            var table = new MarkdownTable(
            [
                new("optimizer"), new("chosen hyperparameters"), new("seeds", ColumnAlign.Right), new("mean ± sd", ColumnAlign.Right),
                new("median", ColumnAlign.Right), new("95 % CI", ColumnAlign.Right), new("steps to target", ColumnAlign.Right),
                new("seconds to target", ColumnAlign.Right), new("reached", ColumnAlign.Right),
            ]);
            foreach (var cell in study.Cells.Where(c => c.Cell.Dataset == dataset))
                table.Add(cell.Cell.Optimizer, StudyText.Configuration(cell.Chosen), Seeds(cell.Final), MeanSd(cell.Final.Summary),
                    Metric(cell.Final.Median), Interval(cell.Final.Summary?.Interval), Time(cell.Time.MedianSteps, "N0"),
                    Time(cell.Time.MedianSeconds, "F1"), cell.Time.Target is null ? Missing : $"{cell.Time.Reached}/{cell.Time.FinishedSeeds}");
            page.Table(table);
        }
    }

    static string Target(StudyResults study, string dataset, string selectBy)
    {
        if (study.Protocol.TargetValue is { } fixedValue) return $"Target: {selectBy} {Metric(fixedValue)}, fixed in the spec.";
        var target = study.Targets.FirstOrDefault(t => t.Dataset == dataset);
        return target?.Value is { } value
            ? $"Target: {selectBy} {Metric(value)}, the median over the baselines' {target.BaselineSeeds} evaluation seeds of each seed's best."
            : "Target: none (no baseline finished an evaluation seed here), so no time to target.";
    }

    /// <summary>"5", or "4 (1 failed)".</summary>
    static string Seeds(FinalMetricSummary final) => final.FailedSeeds == 0 ? $"{final.Count}" : $"{final.Count} ({final.FailedSeeds} failed)";
}
