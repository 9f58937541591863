using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Sweeps.Study;
using ScottPlot;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// A dataset's tuning curves: per optimizer, the best validation value so far against the trial
/// number (a step line: it only changes when a trial improves on it), over each trial's own best
/// as faint points. Equal budgets make the curves' lengths equal; how fast a curve rises is how
/// forgiving the optimizer's search space is.
/// </summary>
internal static class TuningCurvePlot
{
    public static Plot Of(string dataset, IReadOnlyList<TuningTrial> trials, GoalDirection goal, string selectBy, OptimizerColours colours)
    {
        var plot = ReportPlot.Create($"{dataset}: tuning curves (best {selectBy} so far)", "trial", $"best {selectBy}");
        PlotAxes.IntegerTicks(plot.Axes.Bottom);
        foreach (var optimizer in trials.Select(t => t.Optimizer).Distinct())
        {
            var own = trials.Where(t => t.Optimizer == optimizer).ToList();
            var colour = colours.Of(optimizer);
            var tried = own.Where(t => t.BestValidation is { } v && double.IsFinite(v)).ToList();
            if (tried.Count > 0)
            {
                var points = plot.Add.ScatterPoints(tried.Select(t => (double)t.Trial).ToArray(), tried.Select(t => t.BestValidation!.Value).ToArray());
                points.Color = colour.WithAlpha(0.35);
                points.MarkerSize = 6;
            }
            // With several tuning seeds a trial number has several rows; the curve takes the best so far after all of them.
            var curve = own.Where(t => t.BestSoFar is { } v && double.IsFinite(v))
                .GroupBy(t => t.Trial).OrderBy(g => g.Key)
                .Select(g => (Trial: (double)g.Key, Best: goal.Best(g.Select(t => t.BestSoFar!.Value))))
                .ToList();
            if (curve.Count == 0) continue;
            var line = plot.Add.Scatter(curve.Select(c => c.Trial).ToArray(), curve.Select(c => c.Best).ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = colour;
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = $"{optimizer} ({own.Select(t => t.Trial).Distinct().Count()} trials)";
        }
        ReportPlot.LegendOutside(plot);
        return plot;
    }
}
