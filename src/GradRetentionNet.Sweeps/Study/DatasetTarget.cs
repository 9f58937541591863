namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A dataset's target: the median, over the baseline optimizers' evaluation seeds, of each
/// seed's best validation metric. Anchoring it on the baselines' typical best makes "time to
/// target" mean "as good as a tuned standard optimizer usually gets". <see cref="Value"/> is null
/// when no finished baseline seed has a finite validation value; <see cref="BaselineSeeds"/> says
/// how many seeds the median is over.
/// </summary>
public sealed record DatasetTarget(string Dataset, GoalDirection Goal, double? Value, int BaselineSeeds)
{
    /// <summary>One target per dataset that appears among the trials, baselines or not.</summary>
    public static IReadOnlyList<DatasetTarget> ByDataset(IEnumerable<TrialCurve> trials, GoalDirection goal) =>
        trials.GroupBy(t => t.Dataset).Select(g => Of(g.Key, g.ToList(), goal)).ToList();

    public static DatasetTarget Of(string dataset, IReadOnlyList<TrialCurve> trials, GoalDirection goal)
    {
        // A failed baseline is left out: its partial curve stopped early, so its best would pull
        // the target down for a reason that has nothing to do with the optimizer.
        var bestPerSeed = trials
            .Where(t => t.Dataset == dataset && !t.Failed && StudyBaselines.IsBaseline(t.Optimizer))
            .Select(t => t.Epochs.Select(e => e.ValidationMetric).Where(double.IsFinite).ToList())
            .Where(values => values.Count > 0)
            .Select(values => goal.Best(values))
            .ToList();
        return new(dataset, goal, StudyMedian.Of(bestPerSeed), bestPerSeed.Count);
    }
}
