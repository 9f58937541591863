using GradRetentionNet.Sweeps.Aggregation;
using MathNet.Numerics.Distributions;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// Paired t-test of candidate − baseline over matched seeds (as scipy.stats.ttest_rel):
/// t = mean(d) / (sd(d) / √n), n − 1 degrees of freedom, two-sided p. <see cref="Differences"/>
/// summarises the differences (mean, sd and Student-t 95 % interval; null without pairs).
/// <see cref="T"/> and <see cref="PValue"/> are null unless <see cref="Outcome"/> is
/// <see cref="PairedTestOutcome.Defined"/>; the interval exists from two pairs on, even when t does
/// not (a constant difference gives a zero-width interval).
/// </summary>
public sealed record PairedTTest(PairedTestOutcome Outcome, int Pairs, SampleSummary? Differences, double? T, int? DegreesOfFreedom, double? PValue)
{
    public double? MeanDifference => Differences?.Mean;

    public ConfidenceInterval? Interval => Differences?.Interval;

    public static PairedTTest Of(IReadOnlyList<double> differences)
    {
        var n = differences.Count;
        var summary = SampleSummary.Of(differences);
        if (n < 2) return new(PairedTestOutcome.TooFewPairs, n, summary, null, null, null);
        if (differences.All(d => d == 0)) return new(PairedTestOutcome.AllDifferencesZero, n, summary, null, null, null);
        if (summary!.StandardDeviation == 0) return new(PairedTestOutcome.ConstantDifference, n, summary, null, null, null);

        var t = summary.Mean / (summary.StandardDeviation!.Value / Math.Sqrt(n));
        var df = n - 1;
        // 2·P(T ≤ −|t|) rather than 2·(1 − P(T ≤ |t|)): keeps tiny p-values from rounding to 0.
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new(PairedTestOutcome.Defined, n, summary, t, df, Math.Min(1, p));
    }
}
