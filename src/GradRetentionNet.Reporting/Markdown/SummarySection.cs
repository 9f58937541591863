using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// The answer first: per dataset, in plain sentences, whether enhanced-sgd (the full design) wins,
/// ties or loses against the tuned baselines, then the other candidates' verdicts in a word.
/// </summary>
internal static class SummarySection
{
    public static void Write(MarkdownDocument page, StudyResults study)
    {
        page.Heading(2, "Summary");
        var baselines = study.Optimizers.Where(StudyBaselines.IsBaseline).ToList();
        var design = study.Candidates.Contains(StudyAblations.FullDesign);
        page.Paragraph($"Against the tuned baselines ({(baselines.Count == 0 ? "none in this study" : string.Join(", ", baselines))}), by the 95 % interval " +
            "of the paired difference in final test metric over the evaluation seeds; the first sentence compares with the best baseline on the dataset." +
            (design ? "" : $" This study has no {StudyAblations.FullDesign}: the sentences are each candidate's."));
        page.Bullets(study.Datasets.Select(d => $"**{d}**: {DatasetLine(study, d, design)}"));
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
