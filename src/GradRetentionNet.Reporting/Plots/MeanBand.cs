using ScottPlot;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>
/// The mean of several runs at each x, with a shaded band around it (min–max or ±1 sd), as one
/// legend entry. Runs are cut to the shortest, so every point is over the same runs. The statistics
/// are of the values themselves; <c>drawAs</c> maps them onto the axis afterwards (log10 for a log
/// axis), so a log axis shows the arithmetic mean, not a geometric one.
/// </summary>
internal static class MeanBand
{
    public enum Spread
    {
        MinToMax,
        OneStandardDeviation,
    }

    /// <summary>Adds the band (when there are two runs or more) and the mean line; returns the line.</summary>
    public static ScottPlot.Plottables.Scatter Add(Plot plot, double[] x, IReadOnlyList<double[]> runs, Spread spread, Color colour, string legend,
        Func<double, double>? drawAs = null)
    {
        drawAs ??= value => value;
        var length = Math.Min(x.Length, runs.Min(r => r.Length));
        var xs = x[..length];
        var columns = Enumerable.Range(0, length).Select(i => runs.Select(r => r[i]).ToArray()).ToArray();
        var mean = columns.Select(c => c.Average()).ToArray();
        if (runs.Count > 1)
        {
            var (lower, upper) = spread == Spread.MinToMax
                ? (columns.Select(c => c.Min()).ToArray(), columns.Select(c => c.Max()).ToArray())
                : Sd(columns, mean);
            var band = plot.Add.FillY(xs, lower.Select(drawAs).ToArray(), upper.Select(drawAs).ToArray());
            band.FillColor = colour.WithAlpha(0.18);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.Scatter(xs, mean.Select(drawAs).ToArray());
        line.Color = colour;
        line.LineWidth = 2;
        line.MarkerSize = length > 50 ? 0 : 5;
        line.LegendText = legend;
        return line;
    }

    static (double[] Lower, double[] Upper) Sd(double[][] columns, double[] mean)
    {
        var sd = columns.Select((c, i) => Math.Sqrt(c.Sum(v => (v - mean[i]) * (v - mean[i])) / (c.Length - 1))).ToArray();
        return (mean.Zip(sd, (m, s) => m - s).ToArray(), mean.Zip(sd, (m, s) => m + s).ToArray());
    }
}
