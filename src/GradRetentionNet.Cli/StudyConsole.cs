using System.Globalization;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Study;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>
/// A study's results on the console: the verdicts first (what a researcher came for), with their
/// sentences, then the cells, the comparisons and the profile scores. Numbers in the invariant
/// culture; "-" where there is nothing, "∞" for a missed target.
/// </summary>
internal static class StudyConsole
{
    /// <summary>Everything: verdicts, cells, comparisons, profile scores.</summary>
    public static void Write(StudyResults study)
    {
        WriteVerdicts(study);
        WriteCells(study);
        WriteComparisons(study);
        WriteProfiles(study);
    }

    /// <summary>Per dataset and candidate, against the best baseline there, then each verdict's sentence.</summary>
    public static void WriteVerdicts(StudyResults study)
    {
        var table = new Table { Title = new TableTitle($"{Markup.Escape(study.Study)}: verdicts against the best baseline") }
            .AddColumns("dataset", "candidate", "best baseline", "verdict", "difference (95 % CI)", "pairs", "t p (Holm)", "Wilcoxon p (Holm)");
        foreach (var verdict in study.Verdicts)
        {
            var best = verdict.Against.FirstOrDefault(c => c.Baseline == verdict.BestBaseline);
            table.AddRow(
                Plain(verdict.Dataset), Plain(verdict.Candidate), Plain(verdict.BestBaseline ?? "-"), Colored(verdict.Verdict),
                Plain(best is null ? "-" : Difference(best)), Plain(best?.Pairs.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Plain(P(best?.TTestHolmPValue)), Plain(P(best?.WilcoxonHolmPValue)));
        }
        AnsiConsole.Write(table);
        foreach (var verdict in study.Verdicts) AnsiConsole.WriteLine(verdict.Sentence);
    }

    static void WriteCells(StudyResults study)
    {
        var table = new Table { Title = new TableTitle("final test metric over evaluation seeds, time to target") }
            .AddColumns("dataset", "optimizer", "chosen", "n", "mean ± sd", "95 % CI", "median", "failed", "target", "steps to target", "seconds to target", "reached");
        foreach (var cell in study.Cells)
        {
            var summary = cell.Final.Summary;
            string[] cells =
            [
                cell.Cell.Dataset, cell.Cell.Optimizer, Chosen(cell), cell.Final.Count.ToString(CultureInfo.InvariantCulture),
                summary is null ? "-" : $"{Number(summary.Mean)} ± {Number(summary.StandardDeviation)}",
                summary?.Interval is { } ci ? $"[{Number(ci.Lower)}, {Number(ci.Upper)}]" : "-",
                Number(cell.Final.Median), cell.Final.FailedSeeds.ToString(CultureInfo.InvariantCulture), Number(cell.Time.Target),
                Number(cell.Time.MedianSteps, "F0"), Number(cell.Time.MedianSeconds, "F1"),
                cell.Time.Target is null ? "-" : $"{cell.Time.Reached}/{cell.Time.FinishedSeeds}",
            ];
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
    }

    static void WriteComparisons(StudyResults study)
    {
        var table = new Table { Title = new TableTitle("paired comparisons, Holm-corrected across the study") }
            .AddColumns("dataset", "candidate", "baseline", "pairs", "difference (95 % CI)", "t p", "t p (Holm)", "Wilcoxon p", "Wilcoxon p (Holm)", "verdict");
        foreach (var comparison in study.Comparisons)
            table.AddRow(
                Plain(comparison.Dataset), Plain(comparison.Candidate), Plain(comparison.Baseline),
                Plain(comparison.DroppedSeeds > 0 ? $"{comparison.Pairs} ({comparison.DroppedSeeds} dropped)" : comparison.Pairs.ToString(CultureInfo.InvariantCulture)),
                Plain(Difference(comparison)), Plain(P(comparison.TTest.PValue)), Plain(P(comparison.TTestHolmPValue)),
                Plain(P(comparison.Wilcoxon.PValue)), Plain(P(comparison.WilcoxonHolmPValue)), Colored(comparison.Verdict));
        AnsiConsole.Write(table);
    }

    static void WriteProfiles(StudyResults study)
    {
        var table = new Table { Title = new TableTitle("AlgoPerf scores (1: fastest to target everywhere)") }
            .AddColumns("optimizer", "score (steps)", "score (seconds)");
        foreach (var optimizer in study.Optimizers)
        {
            string Score(IReadOnlyList<PerformanceProfile> profiles) => Number(profiles.FirstOrDefault(p => p.Optimizer == optimizer)?.Score, "F3");
            table.AddRow(Plain(optimizer), Plain(Score(study.ProfilesInSteps)), Plain(Score(study.ProfilesInSeconds)));
        }
        AnsiConsole.Write(table);
    }

    static string Chosen(StudyCellResult cell) => cell.Chosen switch
    {
        null => "-",
        { Count: 0 } => "(defaults)",
        var chosen => GridPoint.From(chosen).Canonical,
    };

    static string Difference(PairedComparison comparison) =>
        comparison.TTest.MeanDifference is not { } mean ? "-"
        : comparison.TTest.Interval is { } ci ? $"{Number(mean, "+0.0000;-0.0000;0")} [{Number(ci.Lower)}, {Number(ci.Upper)}]"
        : Number(mean, "+0.0000;-0.0000;0");

    static string P(double? p) => p is < 0.001 ? "< 0.001" : Number(p, "F3");

    static string Number(double? value, string format = "F4") => value switch
    {
        null => "-",
        double.PositiveInfinity => "∞",
        { } finite => finite.ToString(format, CultureInfo.InvariantCulture),
    };

    // Cells hold brackets (intervals): they are text, not Spectre markup.
    static Markup Plain(string text) => new(Markup.Escape(text));

    static Markup Colored(Verdict verdict) => new(verdict switch
    {
        Verdict.Wins => "[green]wins[/]",
        Verdict.Loses => "[red]loses[/]",
        _ => JobJson.EnumText(verdict),
    });
}
