namespace GradRetentionNet.Contracts.Grains;

/// <summary>The keys of the cluster's single-activation grains.</summary>
public static class GrainKeys
{
    /// <summary><see cref="ISweepIndexGrain"/>: every sweep submitted to the cluster.</summary>
    public const string SweepIndex = "all";

    /// <summary><see cref="ISlotBoardGrain"/>: the cluster's training slots.</summary>
    public const string SlotBoard = "cluster";
}
