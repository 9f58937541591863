using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>
/// Turns a sweep's job results into comparable statistics: per dataset × model × optimizer ×
/// grid point, the spread and 95 % interval of the final metric over seeds, time-to-target, a
/// Welch test against the best baseline, and a ranking. Pure: no I/O, same input, same output.
/// </summary>
public static class Aggregator
{
    /// <summary>The optimizers every other one is compared with.</summary>
    public static IReadOnlySet<string> Baselines { get; } =
        new HashSet<string>(["sgd", "adam", "adamw", "rmsprop"], StringComparer.OrdinalIgnoreCase);

    /// <param name="results">One result per job (job ids must be unique).</param>
    /// <param name="metric">The figure compared and whether higher or lower is better.</param>
    /// <param name="target">Value to reach for time-to-target; null for none.</param>
    /// <param name="jobs">
    /// The sweep's jobs, whose grid points group the results (matched by job id). Without them
    /// the grid point is the job's given hyperparameters.
    /// </param>
    public static SweepAggregate Aggregate(IEnumerable<JobResult> results, MetricChoice metric, double? target,
        IEnumerable<SweepJob>? jobs = null)
    {
        var all = results.ToList();
        var duplicate = all.GroupBy(r => r.JobId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"job {duplicate.Key} appears {duplicate.Count()} times in the results", nameof(results));

        var gridPoints = jobs?.ToDictionary(j => j.Id, j => GridPoint.From(j.GridPoint));
        GridPoint GridPointOf(JobResult r) =>
            gridPoints is null ? GridPoint.From(r.Spec.HyperParameters)
            : gridPoints.TryGetValue(r.JobId, out var point) ? point
            : throw new ArgumentException($"job {r.JobId} is not one of the sweep's jobs", nameof(results));

        var groups = all
            .GroupBy(r => new GroupKey(r.Spec.Dataset, r.Spec.Model, r.Spec.Optimizer, GridPointOf(r)))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.GridPoint.Canonical, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Optimizer, StringComparer.Ordinal)
            .ToList();
        var scopes = ScopesOf(groups.Select(g => g.Key).ToList());

        var partial = groups.Select(g => Summarize(g.Key, scopes[g.Key], g.ToList(), metric, target)).ToList();

        var summaries = new List<GroupSummary>();
        var rankings = new List<Ranking>();
        foreach (var scope in partial.GroupBy(s => s.Scope))
        {
            var best = BestBaseline(scope.ToList(), metric);
            summaries.AddRange(scope.Select(s => s with { VersusBestBaseline = Compare(s, best) }));
            rankings.Add(Rank(scope.Key, scope.ToList(), best, metric));
        }
        return new(metric, target, summaries, rankings);
    }

    static GroupSummary Summarize(GroupKey key, ComparisonScope scope, List<JobResult> results, MetricChoice metric, double? target)
    {
        var completed = results.Where(r => r.Status == JobState.Completed)
            .OrderBy(r => r.Spec.Seed).ThenBy(r => r.JobId, StringComparer.Ordinal).ToList();
        var withValue = completed.Where(r => r.Epochs.Count > 0 && double.IsFinite(metric.ValueOf(r.Epochs[^1]))).ToList();
        var finals = withValue.Select(r => metric.ValueOf(r.Epochs[^1])).ToList();
        int Count(JobState status) => results.Count(r => r.Status == status);
        var counts = new StatusCounts(completed.Count, Count(JobState.Failed), Count(JobState.Diverged),
            Count(JobState.Cancelled), Count(JobState.Running), completed.Count - withValue.Count, Count(JobState.Suspended), Count(JobState.StoppedEarly));

        return new(key, scope, counts, finals, SampleSummary.Of(finals),
            target is { } t ? TimeToTargetSummary.Of(withValue, metric, t) : null,
            WelchTest.NoBaseline);
    }

    /// <summary>Per dataset × model: one scope per grid point when all optimizers ran the same grid points, else one scope.</summary>
    static Dictionary<GroupKey, ComparisonScope> ScopesOf(IReadOnlyList<GroupKey> keys)
    {
        var scopes = new Dictionary<GroupKey, ComparisonScope>();
        foreach (var family in keys.GroupBy(k => (k.Dataset, k.Model)))
        {
            var pointSets = family.GroupBy(k => k.Optimizer).Select(o => o.Select(k => k.GridPoint).ToHashSet()).ToList();
            var shared = pointSets.All(set => set.SetEquals(pointSets[0]));
            foreach (var key in family)
                scopes[key] = new ComparisonScope(key.Dataset, key.Model, shared ? key.GridPoint : null);
        }
        return scopes;
    }

    static GroupSummary? BestBaseline(IReadOnlyList<GroupSummary> scope, MetricChoice metric) =>
        InRankOrder(scope.Where(s => Baselines.Contains(s.Key.Optimizer) && s.Final is not null), metric).FirstOrDefault();

    static WelchTest Compare(GroupSummary group, GroupSummary? baseline)
    {
        if (baseline is null) return WelchTest.NoBaseline;
        if (baseline.Key == group.Key)
            return new(WelchOutcome.IsReferenceBaseline, baseline.Key.Optimizer, baseline.Key.GridPoint, null, null, null, null);
        return WelchTest.Compute(group.FinalValues, baseline.FinalValues, baseline.Key.Optimizer, baseline.Key.GridPoint);
    }

    static Ranking Rank(ComparisonScope scope, IReadOnlyList<GroupSummary> groups, GroupSummary? best, MetricChoice metric)
    {
        var ordered = InRankOrder(groups.Where(g => g.Final is not null), metric).ToList();
        var entries = ordered.Select(g => new RankEntry(
            1 + ordered.Count(o => metric.IsBetter(o.Final!.Mean, g.Final!.Mean)),
            g.Key, g.Final!.Mean, g.Final.Count)).ToList();
        var unranked = groups.Where(g => g.Final is null).Select(g => g.Key).ToList();
        return new(scope, best?.Key, entries, unranked);
    }

    /// <summary>Best mean first per the goal; ties by optimizer name, then grid point.</summary>
    static IEnumerable<GroupSummary> InRankOrder(IEnumerable<GroupSummary> groups, MetricChoice metric)
    {
        var byMean = metric.Goal == Goal.HigherIsBetter
            ? groups.OrderByDescending(g => g.Final!.Mean)
            : groups.OrderBy(g => g.Final!.Mean);
        return byMean.ThenBy(g => g.Key.Optimizer, StringComparer.Ordinal)
            .ThenBy(g => g.Key.GridPoint.Canonical, StringComparer.Ordinal);
    }
}
