namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>One group of a sweep aggregate as a flat row: for tables, CSV and API clients.</summary>
public sealed record AggregateRow(
    string Dataset,
    string Model,
    string Optimizer,
    string Grid,
    int Completed,
    int Total,
    double? Mean,
    double? StandardDeviation,
    double? IntervalLower,
    double? IntervalUpper,
    double? Min,
    double? Max,
    int? TargetReached,
    int? TargetOutOf,
    double? MeanEpochsToTarget,
    double? MeanSecondsToTarget,
    string BaselineComparison,
    double? DifferenceToBaseline,
    double? WelchP,
    int? Rank)
{
    /// <summary>Rows of <paramref name="aggregate"/>, per dataset, best rank first.</summary>
    public static IReadOnlyList<AggregateRow> From(SweepAggregate aggregate)
    {
        var ranks = aggregate.Rankings.SelectMany(r => r.Entries).ToDictionary(e => e.Group, e => e.Rank);
        return aggregate.Groups
            .Select(g => new AggregateRow(
                g.Key.Dataset, g.Key.Model, g.Key.Optimizer, g.Key.GridPoint.Canonical,
                g.Counts.Completed, g.Counts.Total,
                g.Final?.Mean, g.Final?.StandardDeviation, g.Final?.Interval?.Lower, g.Final?.Interval?.Upper, g.Final?.Min, g.Final?.Max,
                g.TimeToTarget?.Reached, g.TimeToTarget?.OutOf, g.TimeToTarget?.MeanEpochs, g.TimeToTarget?.MeanSeconds,
                Comparison(g.VersusBestBaseline),
                g.VersusBestBaseline.MeanDifference, g.VersusBestBaseline.PValue,
                ranks.TryGetValue(g.Key, out var rank) ? rank : null))
            .OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Rank ?? int.MaxValue)
            .ToList();
    }

    /// <summary>What the "vs best baseline" column says: the baseline compared with, or in words why there is no test.</summary>
    static string Comparison(WelchTest test) => test.Outcome switch
    {
        WelchOutcome.Defined => $"vs {test.BaselineOptimizer}",
        WelchOutcome.IsReferenceBaseline => "reference",
        WelchOutcome.NoBaseline => "no baseline",
        WelchOutcome.TooFewSamples => "too few seeds",
        WelchOutcome.ZeroVariance => "no variance",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test.Outcome, "unknown Welch outcome"),
    };
}
