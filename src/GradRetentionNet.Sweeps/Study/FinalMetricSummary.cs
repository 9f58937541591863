using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A cell's final metric over its evaluation seeds: n, mean, sd and the Student-t 95 % interval
/// come from <see cref="SampleSummary"/> (with one seed, sd and interval are null); the median
/// is added here. Failed seeds are left out of the statistics and counted in
/// <see cref="FailedSeeds"/>; <see cref="Summary"/> and <see cref="Median"/> are null when no
/// seed finished.
/// </summary>
public sealed record FinalMetricSummary(StudyCell Cell, SampleSummary? Summary, double? Median, int FailedSeeds)
{
    public int Count => Summary?.Count ?? 0;

    /// <summary>One summary per cell, in the order the cells first appear.</summary>
    public static IReadOnlyList<FinalMetricSummary> ByCell(IEnumerable<SeedMetric> seeds) =>
        seeds.GroupBy(s => s.Cell).Select(g => Of(g.Key, g.ToList())).ToList();

    public static FinalMetricSummary Of(StudyCell cell, IReadOnlyList<SeedMetric> seeds)
    {
        var values = seeds.Where(s => !s.Failed).Select(s => s.Value!.Value).ToList();
        return new(cell, SampleSummary.Of(values), StudyMedian.Of(values), seeds.Count - values.Count);
    }
}
