using MathNet.Numerics.Distributions;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>Whether a Welch test could be computed, and if not, why.</summary>
public enum WelchOutcome
{
    Defined,
    /// <summary>Fewer than two completed seeds on either side: no variance to test with.</summary>
    TooFewSamples,
    /// <summary>Both sides have zero variance: t is 0/0 or infinite.</summary>
    ZeroVariance,
    /// <summary>The group is the best baseline itself.</summary>
    IsReferenceBaseline,
    /// <summary>No baseline optimizer in the comparison scope has a completed seed.</summary>
    NoBaseline,
}

/// <summary>
/// Welch's unequal-variance t-test of a group's final metric against the best baseline.
/// <see cref="MeanDifference"/> is group − baseline; <see cref="T"/>, <see cref="DegreesOfFreedom"/>
/// (Welch–Satterthwaite) and the two-sided <see cref="PValue"/> are null unless
/// <see cref="Outcome"/> is <see cref="WelchOutcome.Defined"/>.
/// </summary>
public sealed record WelchTest(
    WelchOutcome Outcome,
    string? BaselineOptimizer,
    GridPoint? BaselineGridPoint,
    double? MeanDifference,
    double? T,
    double? DegreesOfFreedom,
    double? PValue)
{
    public static WelchTest NoBaseline { get; } = new(WelchOutcome.NoBaseline, null, null, null, null, null, null);

    /// <summary>Welch's test of <paramref name="sample"/> against <paramref name="baseline"/>.</summary>
    public static WelchTest Compute(IReadOnlyList<double> sample, IReadOnlyList<double> baseline,
        string baselineOptimizer, GridPoint baselineGridPoint)
    {
        double? difference = sample.Count > 0 && baseline.Count > 0 ? sample.Average() - baseline.Average() : null;
        if (sample.Count < 2 || baseline.Count < 2)
            return new(WelchOutcome.TooFewSamples, baselineOptimizer, baselineGridPoint, difference, null, null, null);

        var (n1, n2) = ((double)sample.Count, (double)baseline.Count);
        var v1 = SampleSummary.SampleVariance(sample, sample.Average()) / n1;
        var v2 = SampleSummary.SampleVariance(baseline, baseline.Average()) / n2;
        if (v1 + v2 == 0)
            return new(WelchOutcome.ZeroVariance, baselineOptimizer, baselineGridPoint, difference, null, null, null);

        var t = difference!.Value / Math.Sqrt(v1 + v2);
        var df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        // 2·P(T ≤ −|t|) rather than 2·(1 − P(T ≤ |t|)): keeps tiny p-values from rounding to 0.
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new(WelchOutcome.Defined, baselineOptimizer, baselineGridPoint, difference, t, df, p);
    }
}
