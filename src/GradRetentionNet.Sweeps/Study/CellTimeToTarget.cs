namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A cell's time to target: the median over its finished evaluation seeds of steps and seconds,
/// +∞ when more than half missed (or exactly half, since (x + ∞) / 2 = ∞). Failed trials are left
/// out and counted: a crash says nothing about how fast the optimizer learns. A diverged trial
/// that finished is a miss, not a failure. <see cref="MedianSteps"/> and
/// <see cref="MedianSeconds"/> are null when the cell has no finished seed, or its dataset no
/// target.
/// </summary>
public sealed record CellTimeToTarget(
    StudyCell Cell,
    double? Target,
    double? MedianSteps,
    double? MedianSeconds,
    int Reached,
    int FinishedSeeds,
    int FailedSeeds,
    IReadOnlyList<TrialTimeToTarget> Trials)
{
    /// <summary>One entry per cell among the trials; a dataset without a target yields null medians.</summary>
    public static IReadOnlyList<CellTimeToTarget> ByCell(IEnumerable<TrialCurve> trials, IReadOnlyList<DatasetTarget> targets)
    {
        var targetOf = targets.ToDictionary(t => t.Dataset);
        return trials.GroupBy(t => t.Cell)
            .Select(g => targetOf.TryGetValue(g.Key.Dataset, out var target)
                ? Of(g.Key, g.ToList(), target)
                : Of(g.Key, g.ToList(), new DatasetTarget(g.Key.Dataset, GoalDirection.HigherIsBetter, null, 0)))
            .ToList();
    }

    public static CellTimeToTarget Of(StudyCell cell, IReadOnlyList<TrialCurve> trials, DatasetTarget target)
    {
        var finished = trials.Where(t => !t.Failed).ToList();
        var failed = trials.Count - finished.Count;
        if (target.Value is not { } value)
            return new(cell, null, null, null, 0, finished.Count, failed, []);

        var times = finished.Select(t => TrialTimeToTarget.Of(t, value, target.Goal)).ToList();
        return new(cell, value,
            StudyMedian.Of(times.Select(t => t.Steps)),
            StudyMedian.Of(times.Select(t => t.Seconds)),
            times.Count(t => t.Reached), finished.Count, failed, times);
    }
}
