using System.Net;
using System.Text;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Training.Jobs;
using ScottPlot;

namespace GradRetentionNet.Reporting;

/// <summary>
/// A sweep's report: per dataset, the sweep's metric (the test metric, or the validation metric
/// when the sweep has a validation split) per epoch of each optimizer (mean over seeds with a ±1 sd
/// band) as a PNG, and an HTML page with those plots and the aggregate table
/// (mean, sd, 95 % interval, time to target, Welch test against the best baseline, rank).
/// </summary>
public static class SweepReport
{
    /// <summary>Writes report.html and curves-*.png into <paramref name="folder"/>; returns the HTML's path.</summary>
    public static string Write(string folder, string sweep, IReadOnlyList<JobResult> results, SweepAggregate aggregate)
    {
        Directory.CreateDirectory(folder);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{Encode(sweep)}</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#eee}td:nth-child(-n+3){text-align:left}</style>")
            .Append($"</head><body><h1>Sweep {Encode(sweep)}</h1>");

        foreach (var dataset in results.Select(r => r.Spec.Dataset).Distinct().Order(StringComparer.Ordinal))
        {
            var image = $"curves-{dataset}.png";
            Curves(dataset, results.Where(r => r.Spec.Dataset == dataset && r.Status == JobState.Completed).ToList(), aggregate.Metric).SavePng(Path.Combine(folder, image), 900, 500);
            html.Append($"<h2>{Encode(dataset)}</h2><img src=\"{Encode(image)}\" alt=\"{NameOf(aggregate.Metric)} per epoch on {Encode(dataset)}\">");
            html.Append(GradCamSection(folder, sweep, results.Where(r => r.Spec.Dataset == dataset).ToList(), aggregate.Metric));
        }

        html.Append("<h2>Final metric over seeds</h2><table><tr><th>dataset</th><th>optimizer</th><th>grid</th><th>n</th><th>mean</th><th>sd</th><th>95 % CI</th><th>min</th><th>max</th><th>reached target</th><th>vs best baseline</th><th>Welch p</th><th>rank</th></tr>");
        foreach (var row in AggregateRow.From(aggregate))
        {
            string Cell(object? value) => $"<td>{Encode(value switch { double d => d.ToString("F4"), null => "-", _ => value.ToString()! })}</td>";
            html.Append("<tr>").Append(Cell(row.Dataset)).Append(Cell(row.Optimizer)).Append(Cell(row.Grid))
                .Append(Cell($"{row.Completed}/{row.Total}")).Append(Cell(row.Mean)).Append(Cell(row.StandardDeviation))
                .Append(Cell(row.IntervalLower is { } lower ? $"[{lower:F4}, {row.IntervalUpper:F4}]" : null)).Append(Cell(row.Min)).Append(Cell(row.Max))
                .Append(Cell(row.TargetOutOf is { } outOf ? $"{row.TargetReached}/{outOf}" : null))
                .Append(Cell(row.DifferenceToBaseline is { } difference ? $"{difference:+0.0000;-0.0000} {row.BaselineComparison}" : row.BaselineComparison))
                .Append(Cell(row.WelchP)).Append(Cell(row.Rank)).Append("</tr>");
        }
        html.Append("</table></body></html>");
        var path = Path.Combine(folder, "report.html");
        File.WriteAllText(path, html.ToString());
        return path;
    }

    // Mean over seeds per epoch, with a ±1 sd band where there are at least two seeds.
    static Plot Curves(string dataset, IReadOnlyList<JobResult> results, MetricChoice metric)
    {
        var plot = new Plot();
        plot.Title($"{dataset}: {NameOf(metric)} per epoch (mean ± sd over seeds)");
        plot.XLabel("epoch");
        plot.YLabel(NameOf(metric));
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var group in results.GroupBy(r => $"{r.Spec.Optimizer} {GridPoint.From(r.Spec.HyperParameters.ToDictionary()).Canonical}".Trim()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var epochs = group.Min(r => r.Epochs.Count);
            if (epochs == 0) continue;
            var x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
            var perEpoch = Enumerable.Range(0, epochs).Select(e => group.Select(r => metric.ValueOf(r.Epochs[e])).ToArray()).ToArray();
            var mean = perEpoch.Select(v => v.Average()).ToArray();
            var colour = palette.GetColor(index++);
            if (group.Count() > 1)
            {
                var sd = perEpoch.Select(v => Math.Sqrt(v.Sum(value => (value - v.Average()) * (value - v.Average())) / (v.Length - 1))).ToArray();
                var band = plot.Add.FillY(x, mean.Zip(sd, (m, s) => m - s).ToArray(), mean.Zip(sd, (m, s) => m + s).ToArray());
                band.FillColor = colour.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(x, mean);
            line.Color = colour;
            line.LegendText = $"{group.Key} (n = {group.Count()})";
        }
        plot.ShowLegend();
        return plot;
    }

    /// <summary>
    /// Where each optimizer's model looks: per optimizer, its best completed job's Grad-CAM maps of
    /// the same test images (explain: in the spec), side by side. Only maps found beside the report —
    /// in the sweep's own folder, where grn run writes it — are shown.
    /// </summary>
    static string GradCamSection(string folder, string sweep, IReadOnlyList<JobResult> results, MetricChoice metric)
    {
        var outputRoot = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        var rows = new StringBuilder();
        foreach (var optimizer in results.Select(r => r.Spec.Optimizer).Distinct().Order(StringComparer.Ordinal))
        {
            var candidates = results.Where(r => r.Spec.Optimizer == optimizer && r.Status == JobState.Completed && r.GradCamImages.Count > 0 && r.Epochs.Count > 0);
            var best = metric.Goal == Goal.HigherIsBetter
                ? candidates.MaxBy(r => metric.ValueOf(r.Epochs[^1]))
                : candidates.MinBy(r => metric.ValueOf(r.Epochs[^1]));
            if (best is null) continue;
            var jobFolder = Path.GetRelativePath(folder, PlannedJob.FolderOf(outputRoot, sweep, best.Spec, best.JobId));
            var images = best.GradCamImages.Select(image => Path.Combine(jobFolder, image))
                .Where(image => File.Exists(Path.Combine(folder, image))).ToList();
            if (images.Count == 0) continue;
            var configuration = GridPoint.From(best.Spec.HyperParameters.ToDictionary()).Canonical;
            rows.Append($"<tr><td>{Encode(optimizer)}</td><td>{Encode(configuration)} seed {best.Spec.Seed}</td>");
            foreach (var image in images)
                rows.Append($"<td><img src=\"{Encode(image.Replace('\\', '/'))}\" alt=\"{Encode(Path.GetFileNameWithoutExtension(image))}\" title=\"{Encode(Path.GetFileNameWithoutExtension(image))}\" width=\"224\"></td>");
            rows.Append("</tr>");
        }
        return rows.Length == 0 ? "" : $"<h3>Grad-CAM: where each optimizer's best model looks (the same test images)</h3><table>{rows}</table>";
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The metric in words, e.g. "validation metric".</summary>
    static string NameOf(MetricChoice metric) => JobJson.EnumText(metric.Metric).Replace('_', ' ');
}
