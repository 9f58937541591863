using System.Globalization;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Sweeps.Study;
using ScottPlot;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// Phase 1's hyperparameters against the best validation value they reached: the learning rate
/// (lr) on a log axis for every optimizer, then each other numeric hyperparameter that took more
/// than one value. The chosen configuration of each optimizer is ringed.
/// </summary>
internal static class HyperParameterPlots
{
    public const string LearningRate = "lr";

    /// <summary>One plot per hyperparameter worth drawing, learning rate first; none when no trial has a numeric value.</summary>
    public static IReadOnlyList<(string HyperParameter, Plot Plot)> Of(string dataset, IReadOnlyList<TuningTrial> trials,
        IReadOnlyList<StudyCellResult> cells, string selectBy, OptimizerColours colours)
    {
        var names = trials.SelectMany(t => t.HyperParameters.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(n => n == LearningRate ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal);
        var plots = new List<(string, Plot)>();
        foreach (var name in names)
        {
            var values = trials.Select(t => Value(t, name)).OfType<double>().ToList();
            // The learning rate is always drawn; another hyperparameter only when the search varied it.
            if (values.Count == 0 || (name != LearningRate && values.Distinct().Count() < 2)) continue;
            var logarithmic = name == LearningRate || (values.Min() > 0 && values.Max() / values.Min() >= 100);
            plots.Add((name, Scatter(dataset, name, logarithmic, trials, cells, selectBy, colours)));
        }
        return plots;
    }

    static Plot Scatter(string dataset, string name, bool logarithmic, IReadOnlyList<TuningTrial> trials,
        IReadOnlyList<StudyCellResult> cells, string selectBy, OptimizerColours colours)
    {
        var plot = ReportPlot.Create($"{dataset}: {name} against best {selectBy} (tuning trials; ringed: chosen)", logarithmic ? $"{name} (log scale)" : name, $"best {selectBy}");
        double X(double value) => logarithmic ? Math.Log10(value) : value;
        var allX = new List<double>();
        foreach (var optimizer in trials.Select(t => t.Optimizer).Distinct())
        {
            var points = trials.Where(t => t.Optimizer == optimizer && t.BestValidation is { } v && double.IsFinite(v))
                .Select(t => (Trial: t, Value: Value(t, name)))
                .Where(p => p.Value is { } v && (!logarithmic || v > 0))
                .ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(p => X(p.Value!.Value)).ToArray();
            allX.AddRange(xs);
            var scatter = plot.Add.ScatterPoints(xs, points.Select(p => p.Trial.BestValidation!.Value).ToArray());
            scatter.Color = colours.Of(optimizer);
            scatter.MarkerSize = 7;
            scatter.LegendText = optimizer;

            var chosen = cells.FirstOrDefault(c => c.Cell.Optimizer == optimizer)?.Chosen;
            var picked = points.Where(p => StudyText.SameConfiguration(p.Trial.HyperParameters, chosen)).ToList();
            if (picked.Count == 0) continue;
            var ring = plot.Add.ScatterPoints(picked.Select(p => X(p.Value!.Value)).ToArray(), picked.Select(p => p.Trial.BestValidation!.Value).ToArray());
            ring.Color = colours.Of(optimizer);
            ring.MarkerShape = MarkerShape.OpenCircle;
            ring.MarkerSize = 18;
            ring.MarkerLineWidth = 2;
        }
        if (logarithmic)
        {
            PlotAxes.Log10Ticks(plot.Axes.Bottom, allX);
            PlotAxes.ShowMinorGrid(plot);
        }
        ReportPlot.LegendOutside(plot);
        return plot;
    }

    static double? Value(TuningTrial trial, string name) =>
        trial.HyperParameters.TryGetValue(name, out var text)
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
}
