using GradRetentionNet.Reporting.StudySections;
using static GradRetentionNet.Reporting.Markdown.MarkdownNumbers;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// The original project's setting run again: per optimizer its final test metric over seeds and its
/// rank, beside the original's only published numbers (<see cref="OriginalPublication"/>). The
/// dataset is whatever the sweep's spec names, described honestly.
/// </summary>
internal static class OriginalSection
{
    public static void Write(MarkdownDocument page, OriginalReproduction? reproduction, SpecFile? spec)
    {
        var published = OriginalPublication.Mnist;
        page.Heading(2, "The original's setting, reproduced");
        page.Paragraph($"The original Python GradRetentionNet published one set of numbers: {published.Dataset}, {published.Epochs} epochs, the test " +
            $"accuracy after epoch {published.Epochs}, one run (seed {published.Seed}), no error bars. Its EnhancedSGD is what its code executed, " +
            "which is our enhanced-sgd-legacy, not the design enhanced-sgd implements.");
        if (reproduction is null || spec is null)
        {
            page.Paragraph("No sweep reproducing that setting was given: publish with --original SWEEP_SPEC to set it beside those numbers.");
            return;
        }

        var sweep = reproduction.Spec;
        page.Paragraph($"Here the sweep `{spec.Path}` (`{sweep.Name}`) ran {string.Join(", ", sweep.Optimizers)} for {sweep.Epochs} epoch(s), " +
            $"batch {sweep.BatchSize}, on {sweep.Seeds.Count} seed(s) ({StudyText.Seeds(sweep.Seeds)}){Limits(sweep)}: {Count(reproduction.Run.Jobs)} jobs, " +
            $"running time {HeaderSection.RunningTime(reproduction.Run)}. " +
            "The dataset is the one its spec names, which may stand in for the original's:");
        page.Bullets(reproduction.Run.Datasets.Select(d => $"**{d.Name}**{StandsIn(d, published)}: {d.Description} {HeaderSection.Sizes(d)}"));
        page.Paragraph($"The final test metric is the test accuracy after the last epoch; mean ± sd and the Student-t 95 % interval are over the seeds, " +
            $"and the rank is among this sweep's optimizers on the dataset. Published: {published.Source}.");

        foreach (var group in reproduction.Optimizers.GroupBy(o => (o.Dataset, o.Model)))
        {
            page.Heading(3, $"{group.Key.Dataset} ({group.Key.Model})");
            var table = new MarkdownTable(
            [
                new("optimizer"), new("settings"), new("seeds", ColumnAlign.Right), new("final test accuracy, mean ± sd", ColumnAlign.Right),
                new("95 % CI", ColumnAlign.Right), new("rank", ColumnAlign.Right), new("original"), new("published accuracy", ColumnAlign.Right),
                new("published rank", ColumnAlign.Right),
            ]);
            foreach (var row in group)
            {
                var theirs = published.Of(row.Optimizer);
                table.Add(row.Optimizer, row.Settings, $"{row.Final?.Count ?? 0}/{row.Jobs}", MeanSd(row.Final), Interval(row.Final?.Interval),
                    row.Rank is { } rank ? $"{rank} of {row.Ranked}" : Missing, theirs?.OriginalName ?? Missing,
                    theirs is null ? Missing : Metric(theirs.TestAccuracy), theirs is null ? Missing : $"{published.RankOf(theirs)} of {published.Accuracies.Count}");
            }
            page.Table(table);
            var absent = published.Accuracies.Where(a => group.All(o => !string.Equals(o.Optimizer, a.Optimizer, StringComparison.OrdinalIgnoreCase))).ToList();
            if (absent.Count > 0)
                page.Paragraph($"Published but not run here: {string.Join(", ", absent.Select(a => $"{a.OriginalName} ({a.Optimizer}) {Metric(a.TestAccuracy)}"))}.");
        }
    }

    static string Limits(Contracts.Sweeps.SweepSpec sweep)
    {
        var limits = new List<string>();
        if (sweep.MaxTrainSamples is { } train) limits.Add($"at most {Count(train)} training examples");
        if (sweep.MaxTestSamples is { } test) limits.Add($"at most {Count(test)} test examples");
        return limits.Count == 0 ? "" : $", {string.Join(" and ", limits)}";
    }

    /// <summary>" (standing in for MNIST)" when the dataset is of the published one's family but not it.</summary>
    static string StandsIn(DatasetFacts dataset, OriginalPublication published) =>
        string.Equals(dataset.Family, published.Dataset, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(dataset.Name, published.Dataset, StringComparison.OrdinalIgnoreCase)
            ? $" (standing in for {published.Dataset})"
            : "";
}
