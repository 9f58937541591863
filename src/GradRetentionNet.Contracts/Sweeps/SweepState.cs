using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>Where a sweep is — the one sweep-state type of the coordinator, the API and the CLI; lower case in JSON.</summary>
public enum SweepState
{
    /// <summary>Jobs are pending or running.</summary>
    Running,

    /// <summary>Every job finished and at least one completed.</summary>
    Completed,

    /// <summary>Every job finished and none completed: there is no result to compare.</summary>
    Failed,

    /// <summary>Stopped after max_failed_trials failed jobs.</summary>
    Stopped,

    /// <summary>Cancelled by a user; finished jobs keep their results.</summary>
    Cancelled,
}

/// <summary>What a sweep's state means.</summary>
public static class SweepStates
{
    /// <summary>No job of the sweep will run again unless a user asks.</summary>
    public static bool IsFinished(this SweepState state) => state != SweepState.Running;

    /// <summary>The lower-case text the JSON uses (e.g. <c>completed</c>).</summary>
    public static string ToText(this SweepState state) => JobJson.EnumText(state);
}
