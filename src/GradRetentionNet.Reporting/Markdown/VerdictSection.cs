using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Reporting.Markdown.MarkdownNumbers;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>Per dataset, each candidate against each baseline: the paired difference with its interval, both tests Holm-corrected, the verdict.</summary>
internal static class VerdictSection
{
    public static void Write(MarkdownDocument page, StudyResults study)
    {
        page.Heading(2, "Verdicts");
        page.Paragraph("Each candidate against each tuned baseline over matched evaluation seeds: the mean difference in final test metric " +
            "(candidate − baseline) with its Student-t 95 % interval, the paired t-test and the Wilcoxon signed-rank test with p-values " +
            $"Holm-corrected across all {study.Comparisons.Count} comparisons of the study, and the verdict the interval gives " +
            "(ties when it contains 0). The best baseline on a dataset (highest mean final test metric) is marked.");
        foreach (var dataset in study.Datasets)
        {
            page.Heading(3, dataset);
            var comparisons = study.Comparisons.Where(c => c.Dataset == dataset).ToList();
            if (comparisons.Count == 0)
            {
                page.Paragraph("No comparison: no candidate and baseline both have evaluation seeds here.");
                continue;
            }
            var best = study.Verdicts.FirstOrDefault(v => v.Dataset == dataset)?.BestBaseline;
            var table = new MarkdownTable(
            [
                new("candidate"), new("baseline"), new("pairs", ColumnAlign.Right), new("difference", ColumnAlign.Right), new("95 % CI", ColumnAlign.Right),
                new("Holm t p", ColumnAlign.Right), new("Holm Wilcoxon p", ColumnAlign.Right), new("verdict"),
            ]);
            foreach (var c in comparisons)
                table.Add(c.Candidate, c.Baseline == best ? $"{c.Baseline} (best)" : c.Baseline, Pairs(c), Difference(c.TTest.MeanDifference),
                    Interval(c.TTest.Interval), PValue(c.TTestHolmPValue), PValue(c.WilcoxonHolmPValue), StudyText.Word(c.Verdict));
            page.Table(table);
        }
    }

    /// <summary>"5", or "4 (2 dropped)" when seeds on only one side or failed on either could not be paired.</summary>
    public static string Pairs(PairedComparison comparison) =>
        comparison.DroppedSeeds == 0 ? $"{comparison.Pairs}" : $"{comparison.Pairs} ({comparison.DroppedSeeds} dropped)";
}
