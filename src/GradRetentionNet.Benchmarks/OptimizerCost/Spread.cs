namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>The median of a sample with its quartiles and extremes (quantiles interpolated linearly between order statistics).</summary>
public sealed record Spread(double Median, double Q1, double Q3, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values to summarise", nameof(values));
        return new Spread(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1]);
    }

    static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
