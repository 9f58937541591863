using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// A dataset's paired comparisons: each candidate against each baseline over matched evaluation
/// seeds, the difference (candidate − baseline) with its interval, both tests with their Holm
/// corrections across the study, and the verdict the interval gives.
/// </summary>
internal static class ComparisonTable
{
    public static ReportTable Of(IEnumerable<PairedComparison> comparisons)
    {
        var table = new ReportTable(
        [
            new("candidate"), new("baseline"),
            new("pairs", ColumnKind.Number, "seeds finished by both"),
            new("dropped seeds", ColumnKind.Number, "seeds on only one side or failed on either"),
            new("mean difference", ColumnKind.Number, "candidate − baseline, final test metric"),
            new("95 % CI", ColumnKind.Number, "Student-t interval of the paired mean difference"),
            new("t p", ColumnKind.Number, "paired t-test, two-sided"),
            new("Holm t p", ColumnKind.Number, "Holm-corrected across the study's comparisons"),
            new("Wilcoxon p", ColumnKind.Number, "Wilcoxon signed-rank, two-sided"),
            new("Holm Wilcoxon p", ColumnKind.Number),
            new("verdict"),
        ]);
        foreach (var comparison in comparisons)
        {
            var word = StudyText.Word(comparison.Verdict);
            var interval = comparison.TTest.Interval;
            table.Add(
                ReportCell.Of(comparison.Candidate), ReportCell.Of(comparison.Baseline),
                ReportCell.Count(comparison.Pairs), ReportCell.Count(comparison.DroppedSeeds),
                ReportCell.Number(comparison.TTest.MeanDifference, "+0.0000;-0.0000;0.0000"),
                ReportCell.Interval(interval?.Lower, interval?.Upper),
                ReportCell.PValue(comparison.TTest.PValue), ReportCell.PValue(comparison.TTestHolmPValue),
                ReportCell.PValue(comparison.Wilcoxon.PValue), ReportCell.PValue(comparison.WilcoxonHolmPValue),
                new ReportCell(word, Tone: word));
        }
        return table;
    }
}
