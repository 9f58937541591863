namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A candidate's and a baseline's final metrics matched by seed, for paired tests: the seed
/// fixes data order and initialisation, so pairing removes that shared noise from the difference.
/// A seed present on only one side, or failed on either, cannot be paired; it is dropped and
/// counted in <see cref="DroppedSeeds"/> (the seeds seen on either side that are not in a pair).
/// </summary>
public sealed record SeedPairs(IReadOnlyList<long> Seeds, IReadOnlyList<double> Candidate, IReadOnlyList<double> Baseline, int DroppedSeeds)
{
    public int Count => Seeds.Count;

    /// <summary>Candidate − baseline per pair, in seed order.</summary>
    public IReadOnlyList<double> Differences => Candidate.Zip(Baseline, (c, b) => c - b).ToList();

    public static SeedPairs Match(IEnumerable<SeedMetric> candidate, IEnumerable<SeedMetric> baseline)
    {
        var candidateBySeed = BySeed(candidate);
        var baselineBySeed = BySeed(baseline);
        var allSeeds = candidateBySeed.Keys.Union(baselineBySeed.Keys).ToList();
        var paired = allSeeds
            .Where(seed => candidateBySeed.GetValueOrDefault(seed) is not null && baselineBySeed.GetValueOrDefault(seed) is not null)
            .Order()
            .ToList();
        return new(paired,
            paired.Select(seed => candidateBySeed[seed]!.Value).ToList(),
            paired.Select(seed => baselineBySeed[seed]!.Value).ToList(),
            allSeeds.Count - paired.Count);
    }

    // Null for a failed seed. A seed listed twice on one side is a caller bug, not a statistic.
    static Dictionary<long, double?> BySeed(IEnumerable<SeedMetric> seeds) =>
        seeds.ToDictionary(s => s.Seed, s => s.Failed ? null : s.Value);
}
