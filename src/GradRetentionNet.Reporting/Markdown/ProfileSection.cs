using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Reporting.Markdown.MarkdownNumbers;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>The performance profiles (the report's own plot) and the AlgoPerf-style scores with each dataset's ratio to the best.</summary>
internal static class ProfileSection
{
    public const string ImageFile = "profile-steps.png";

    public static void Write(MarkdownDocument page, StudyResults study, PageImages images, OptimizerColours colours)
    {
        page.Heading(2, "Performance profiles");
        page.Paragraph("ρ(τ): the fraction of datasets on which an optimizer's median steps to target is within τ × the best optimizer's " +
            "there; a miss never counts. The AlgoPerf-style score is the area under ρ on [1, 4] divided by 3: 1 means the fastest on every " +
            "dataset, 0 never within 4 × the fastest. The ratio columns give each dataset's median steps over the best optimizer's (∞: missed).");
        images.Add(page, ProfilePlot.Of(study.ProfilesInSteps, study.Datasets.Count, colours), ImageFile, "performance profiles, steps to target");

        var columns = new List<MarkdownColumn> { new("optimizer"), new("score (steps)", ColumnAlign.Right), new("score (seconds)", ColumnAlign.Right) };
        columns.AddRange(study.Datasets.Select(d => new MarkdownColumn($"ratio on {d}", ColumnAlign.Right)));
        var table = new MarkdownTable(columns);
        var inSeconds = study.ProfilesInSeconds.ToDictionary(p => p.Optimizer);
        foreach (var profile in study.ProfilesInSteps.OrderByDescending(p => p.Score))
            table.Add([profile.Optimizer, Score(profile.Score), Score(inSeconds.GetValueOrDefault(profile.Optimizer)?.Score),
                .. study.Datasets.Select(d => Ratio(profile.Ratios.TryGetValue(d, out var ratio) ? ratio : null))]);
        page.Table(table);
    }

    static string Score(double? score) => score is { } s ? s.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : Missing;

    static string Ratio(double? ratio) => ratio switch
    {
        null => Missing,
        double.PositiveInfinity => "∞",
        { } r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
    };
}
