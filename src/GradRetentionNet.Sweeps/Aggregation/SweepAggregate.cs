namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>The seeds of one dataset × model × optimizer × grid point.</summary>
public sealed record GroupKey(string Dataset, string Model, string Optimizer, GridPoint GridPoint)
{
    public override string ToString() => $"{Dataset}/{Model}/{Optimizer} [{GridPoint}]";
}

/// <summary>
/// The groups compared with each other (baseline choice, ranking): one dataset × model, and one
/// grid point when every optimizer there ran the same grid points; <see cref="GridPoint"/> is
/// null when the grid is not shared, and then all grid points are compared together.
/// </summary>
public sealed record ComparisonScope(string Dataset, string Model, GridPoint? GridPoint)
{
    public override string ToString() => $"{Dataset}/{Model} [{GridPoint?.ToString() ?? "all grid points"}]";
}

/// <summary>How a group's jobs ended. Only <see cref="Completed"/> jobs with a finite final value enter the statistics.</summary>
/// <param name="CompletedWithoutMetric">Completed jobs with no epoch or a non-finite final value (excluded, and counted here).</param>
/// <param name="Suspended">Handed back by a stopping silo and not yet resumed.</param>
/// <param name="StoppedEarly">Ended by the sweep's early stopping: shorter than the others, so not in the statistics.</param>
public sealed record StatusCounts(int Completed, int Failed, int Diverged, int Cancelled, int Running, int CompletedWithoutMetric, int Suspended = 0, int StoppedEarly = 0)
{
    public int Total => Completed + Failed + Diverged + Cancelled + Running + Suspended + StoppedEarly;
}

/// <summary>One group's statistics over its completed seeds.</summary>
/// <param name="FinalValues">Each counted seed's final value, in seed order.</param>
/// <param name="Final">Null when no seed completed with a value.</param>
/// <param name="TimeToTarget">Null when no target was asked for.</param>
/// <param name="VersusBestBaseline">Always present; its outcome says when the test is undefined.</param>
public sealed record GroupSummary(
    GroupKey Key,
    ComparisonScope Scope,
    StatusCounts Counts,
    IReadOnlyList<double> FinalValues,
    SampleSummary? Final,
    TimeToTargetSummary? TimeToTarget,
    WelchTest VersusBestBaseline);

/// <summary>One place in a ranking. Equal means share a rank (1, 1, 3).</summary>
public sealed record RankEntry(int Rank, GroupKey Group, double Mean, int Count);

/// <summary>A scope's groups, best mean first per the goal; groups without a completed seed are listed as unranked.</summary>
public sealed record Ranking(ComparisonScope Scope, GroupKey? BestBaseline, IReadOnlyList<RankEntry> Entries, IReadOnlyList<GroupKey> Unranked);

/// <summary>Everything aggregated from a sweep's results, for one metric and an optional target.</summary>
public sealed record SweepAggregate(MetricChoice Metric, double? Target, IReadOnlyList<GroupSummary> Groups, IReadOnlyList<Ranking> Rankings);
