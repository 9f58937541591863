using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// The answer first: per dataset, in plain sentences, whether enhanced-sgd (the full design) wins,
/// ties or loses against the tuned baselines, then the other candidates' verdicts in a word, and
/// whether any optimizer did better than always predicting the most frequent class: a tie between
/// optimizers that all sit at that floor says nothing about them.
/// </summary>
internal static class SummarySection
{
    public static void Write(MarkdownDocument page, StudyResults study, IReadOnlyList<MajorityClass> majorityClasses)
    {
        page.Heading(2, "Summary");
        var baselines = study.Optimizers.Where(StudyBaselines.IsBaseline).ToList();
        var design = study.Candidates.Contains(StudyAblations.FullDesign);
        page.Paragraph($"Against the tuned baselines ({(baselines.Count == 0 ? "none in this study" : string.Join(", ", baselines))}), by the 95 % interval " +
            "of the paired difference in final test metric over the evaluation seeds; the first sentence compares with the best baseline on the dataset." +
            (design ? "" : $" This study has no {StudyAblations.FullDesign}: the sentences are each candidate's."));
        page.Bullets(study.Datasets.Select(d => $"**{d}**: {DatasetLine(study, d, design)}{FloorLine(study, majorityClasses.FirstOrDefault(m => m.Dataset == d))}"));
    }

    /// <summary>" The most frequent class is 41.7 % of ...": the best mean against the majority-class floor.</summary>
    static string FloorLine(StudyResults study, MajorityClass? majority)
    {
        if (majority is null) return "";
        var cells = study.Cells.Where(c => c.Cell.Dataset == majority.Dataset && c.Final.Summary is not null).ToList();
        if (cells.Count == 0) return "";
        var best = cells.MaxBy(c => c.Final.Summary!.Mean)!;
        var line = $" Always predicting the most frequent class scores {majority.Fraction:0.0000} on its {majority.TestExamples:N0} test examples; " +
            $"the best mean final test metric is {best.Final.Summary!.Mean:0.0000} ({best.Cell.Optimizer}).";
        // Above the floor means the whole 95 % interval over seeds is above it.
        var above = cells.Where(c => c.Final.Summary!.Interval is { } interval && interval.Lower > majority.Fraction).Select(c => c.Cell.Optimizer).ToList();
        return above.Count == 0
            ? line + " No optimizer is shown to do better than that here, so the verdicts on this dataset compare chance with chance."
            : line + $" Above it by the 95 % interval: {string.Join(", ", above)}.";
    }

    static string DatasetLine(StudyResults study, string dataset, bool design)
    {
        var verdicts = study.Verdicts.Where(v => v.Dataset == dataset).ToList();
        if (!design) return string.Join(" ", verdicts.Select(v => v.Sentence));

        var full = verdicts.Single(v => v.Candidate == StudyAblations.FullDesign);
        var line = full.Sentence;
        if (full.Against.Count > 0) line += $" Against each baseline it {EachBaseline(full.Against)}.";
        var others = verdicts.Where(v => v.Candidate != StudyAblations.FullDesign && v.BestBaseline is not null).ToList();
        if (others.Count > 0)
            line += $" The other candidates against {others[0].BestBaseline}: {string.Join(", ", others.Select(v => $"{v.Candidate} {StudyText.Word(v.Verdict)}"))}.";
        return line;
    }

    /// <summary>"wins against sgd; ties with adam, rmsprop": the baselines grouped by verdict.</summary>
    static string EachBaseline(IReadOnlyList<PairedComparison> against) =>
        string.Join("; ", against.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g =>
        {
            var verb = g.Key switch { Verdict.Wins => "wins against", Verdict.Loses => "loses to", _ => "ties with" };
            return $"{verb} {string.Join(", ", g.Select(c => c.Baseline))}";
        }));
}
