using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Sweeps.Aggregation;
using ScottPlot;

namespace GradRetentionNet.Reporting.SweepSections;

/// <summary>A dataset's curves: the sweep's metric per epoch of each optimizer and grid point, mean over seeds with a ±1 sd band.</summary>
internal static class SweepCurves
{
    public static Plot Of(string dataset, IReadOnlyList<JobResult> completed, MetricChoice metric)
    {
        var plot = ReportPlot.Create($"{dataset}: {SweepMetricName.Of(metric)} per epoch (mean ± sd over seeds)", "epoch", SweepMetricName.Of(metric));
        PlotAxes.IntegerTicks(plot.Axes.Bottom);
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var group in completed.GroupBy(r => $"{r.Spec.Optimizer} {GridPoint.From(r.Spec.HyperParameters.ToDictionary()).Canonical}".Trim()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var epochs = group.Min(r => r.Epochs.Count);
            if (epochs == 0) continue;
            var x = Enumerable.Range(1, epochs).Select(e => (double)e).ToArray();
            var runs = group.Select(r => r.Epochs.Take(epochs).Select(metric.ValueOf).ToArray()).ToList();
            MeanBand.Add(plot, x, runs, MeanBand.Spread.OneStandardDeviation, palette.GetColor(index++), $"{group.Key} (n = {runs.Count})");
        }
        plot.ShowLegend();
        return plot;
    }
}
