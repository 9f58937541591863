using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

/// <summary>Builders for the study's inputs, so each test states only the numbers it is about.</summary>
static class StudyData
{
    /// <summary>Seeds 1, 2, … with the given final metrics; NaN stands for a failed seed.</summary>
    public static IEnumerable<SeedMetric> Finals(string dataset, string optimizer, params double[] values) =>
        values.Select((v, i) => new SeedMetric(dataset, optimizer, i + 1, double.IsNaN(v) ? null : v));

    /// <summary>A finished trial whose epoch e (1-based) ends after 100·e steps and 10·e seconds.</summary>
    public static TrialCurve Curve(string dataset, string optimizer, long seed, params double[] validation) =>
        new(dataset, optimizer, seed, false,
            validation.Select((v, i) => new ValidationPoint(i + 1, 100L * (i + 1), 10.0 * (i + 1), v)).ToList());

    public static TrialCurve FailedCurve(string dataset, string optimizer, long seed, params double[] validation) =>
        Curve(dataset, optimizer, seed, validation) with { Failed = true };
}
