using GradRetentionNet.Sweeps.Aggregation;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>Renders aggregate rows as a console table (CSV and Parquet: <see cref="Sweeps.Aggregation.AggregateRowTable"/>).</summary>
internal static class AggregateTable
{
    public static void Write(IEnumerable<AggregateRow> rows)
    {
        var table = new Table().AddColumns("dataset", "optimizer", "grid", "n", "mean ± sd", "95 % CI", "min..max", "reached target", "vs best baseline (Welch p)", "rank");
        foreach (var row in rows)
        {
            string[] cells =
            [
                row.Dataset, row.Optimizer, row.Grid, $"{row.Completed}/{row.Total}",
                row.Mean is { } mean ? $"{mean:F4} ± {row.StandardDeviation?.ToString("F4") ?? "-"}" : "-",
                row.IntervalLower is { } lower ? $"[{lower:F4}, {row.IntervalUpper:F4}]" : "-",
                row.Min is { } min ? $"{min:F4}..{row.Max:F4}" : "-",
                row.TargetOutOf is { } outOf ? $"{row.TargetReached}/{outOf}" + (row.MeanEpochsToTarget is { } e ? $" in {e:F1} ep, {row.MeanSecondsToTarget:F0} s" : "") : "-",
                row.WelchP is { } p ? $"{row.DifferenceToBaseline:+0.0000;-0.0000} (p {p:F3})" : row.BaselineComparison,
                row.Rank?.ToString() ?? "-",
            ];
            // Cells hold brackets (intervals): they are text, not Spectre markup.
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
    }
}
