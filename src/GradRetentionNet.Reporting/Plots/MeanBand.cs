using ScottPlot;

namespace GradRetentionNet.Reporting.Plots;

/// <summary>
/// The mean of several runs at each x, with a shaded band around it (min–max or ±1 sd), as one
/// legend entry. Runs are cut to the shortest, so every point is over the same runs.
/// </summary>
internal static class MeanBand
{
    public enum Spread
    {
        MinToMax,
        OneStandardDeviation,
    }

    /// <summary>Adds the band (when there are two runs or more) and the mean line; returns the line.</summary>
    public static ScottPlot.Plottables.Scatter Add(Plot plot, double[] x, IReadOnlyList<double[]> runs, Spread spread, Color colour, string legend)
    {
        var length = Math.Min(x.Length, runs.Min(r => r.Length));
        var xs = x[..length];
        var columns = Enumerable.Range(0, length).Select(i => runs.Select(r => r[i]).ToArray()).ToArray();
        var mean = columns.Select(c => c.Average()).ToArray();
        if (runs.Count > 1)
        {
            var (lower, upper) = spread == Spread.MinToMax
                ? (columns.Select(c => c.Min()).ToArray(), columns.Select(c => c.Max()).ToArray())
                : Sd(columns, mean);
            var band = plot.Add.FillY(xs, lower, upper);
            band.FillColor = colour.WithAlpha(0.18);
            band.LineColor = Colors.Transparent;
        }
        var line = plot.Add.Scatter(xs, mean);
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
