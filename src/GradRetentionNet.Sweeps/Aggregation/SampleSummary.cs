using MathNet.Numerics.Distributions;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>A two-sided confidence interval of a mean, from Student's t.</summary>
public sealed record ConfidenceInterval(double Level, double Lower, double Upper, double HalfWidth, int DegreesOfFreedom);

/// <summary>
/// Mean, sample standard deviation (n − 1), 95 % interval of the mean, min and max of the
/// completed seeds. With one value there is no spread: <see cref="StandardDeviation"/> and
/// <see cref="Interval"/> are null and <see cref="IntervalUnavailable"/> says why.
/// </summary>
public sealed record SampleSummary(
    int Count,
    double Mean,
    double? StandardDeviation,
    ConfidenceInterval? Interval,
    string? IntervalUnavailable,
    double Min,
    double Max)
{
    public const double Level = 0.95;

    /// <summary>Null for an empty sample.</summary>
    public static SampleSummary? Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var n = values.Count;
        var mean = values.Average();
        if (n == 1)
            return new(1, mean, null, null, "n = 1: no standard deviation or interval", mean, mean);

        var sd = Math.Sqrt(SampleVariance(values, mean));
        var df = n - 1;
        var halfWidth = StudentT.InvCDF(0, 1, df, 1 - (1 - Level) / 2) * sd / Math.Sqrt(n);
        var interval = new ConfidenceInterval(Level, mean - halfWidth, mean + halfWidth, halfWidth, df);
        return new(n, mean, sd, interval, null, values.Min(), values.Max());
    }

    /// <summary>
    /// Sum of squared deviations over n − 1; exactly 0 for identical values (their floating-point
    /// mean need not equal them, which would leave a spurious tiny variance).
    /// </summary>
    internal static double SampleVariance(IReadOnlyList<double> values, double mean) =>
        values.All(v => v == values[0]) ? 0 : values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
}
