namespace GradRetentionNet.Sweeps.Study;

/// <summary>One optimizer's time to target on one dataset, the input of a performance profile; +∞ when it missed.</summary>
public sealed record OptimizerTime(string Dataset, string Optimizer, double Time)
{
    /// <summary>Each cell's median steps to target. A cell without one (no target, no finished seed) counts as a miss.</summary>
    public static IReadOnlyList<OptimizerTime> InSteps(IEnumerable<CellTimeToTarget> cells) =>
        cells.Select(c => new OptimizerTime(c.Cell.Dataset, c.Cell.Optimizer, c.MedianSteps ?? double.PositiveInfinity)).ToList();

    /// <summary>Each cell's median seconds to target. A cell without one (no target, no finished seed) counts as a miss.</summary>
    public static IReadOnlyList<OptimizerTime> InSeconds(IEnumerable<CellTimeToTarget> cells) =>
        cells.Select(c => new OptimizerTime(c.Cell.Dataset, c.Cell.Optimizer, c.MedianSeconds ?? double.PositiveInfinity)).ToList();
}
