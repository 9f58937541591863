using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Reporting.Markdown.MarkdownNumbers;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>Which of EnhancedSGD's components help: the full design against each ablation, per dataset, with a sentence per component.</summary>
internal static class AblationSection
{
    public static void Write(MarkdownDocument page, StudyResults study)
    {
        page.Heading(2, "Ablations: which component of EnhancedSGD helps");
        if (study.Ablations.Count == 0)
        {
            page.Paragraph($"This study compares no ablation with {StudyAblations.FullDesign}: it needs {StudyAblations.FullDesign} and at least one of " +
                $"its ablations (optimizers named {StudyAblations.FullDesign}-no-… or {StudyAblations.FullDesign}-bandit) on the same dataset.");
            return;
        }
        page.Paragraph($"Each ablation is {StudyAblations.FullDesign} with one component switched off, tuned and evaluated like every other optimizer. " +
            $"The difference is ablation − {StudyAblations.FullDesign} in final test metric over matched evaluation seeds, with its Student-t 95 % " +
            $"interval; p-values are Holm-corrected within the {study.Ablations.Count} ablation comparisons. A component helps when switching it " +
            "off makes the metric worse (the interval lies below 0), hurts when it makes it better, and makes no measurable difference when the interval contains 0.");
        foreach (var dataset in study.Datasets)
        {
            var ablations = study.Ablations.Where(a => a.Dataset == dataset).ToList();
            if (ablations.Count == 0) continue;
            page.Heading(3, dataset);
            var table = new MarkdownTable(
            [
                new("component switched off"), new("ablation"), new("pairs", ColumnAlign.Right), new("difference", ColumnAlign.Right),
                new("95 % CI", ColumnAlign.Right), new("Holm t p", ColumnAlign.Right), new("Holm Wilcoxon p", ColumnAlign.Right), new("the component"),
            ]);
            foreach (var a in ablations)
                table.Add(a.Component, a.Ablation, VerdictSection.Pairs(a.Paired), Difference(a.Paired.TTest.MeanDifference), Interval(a.Paired.TTest.Interval),
                    PValue(a.Paired.TTestHolmPValue), PValue(a.Paired.WilcoxonHolmPValue), Word(a.Effect));
            page.Table(table);
            page.Bullets(ablations.Select(a => a.Sentence));
        }
    }

    static string Word(ComponentEffect effect) => effect switch
    {
        ComponentEffect.Helps => "helps",
        ComponentEffect.Hurts => "hurts",
        _ => "no measurable difference",
    };
}
