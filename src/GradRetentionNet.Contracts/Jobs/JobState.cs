namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// Where a job is, from the plan to its end — the one job-state type of every layer (the
/// coordinator's records, the trainer's result.json, the HTTP API and the CLI). Written as lower
/// case text (<see cref="JobJson"/>, the API's JSON).
/// </summary>
public enum JobState
{
    /// <summary>Waiting for a free slot (or to be dispatched again).</summary>
    Pending,

    /// <summary>Handed to a trainer and training (or queued on its silo).</summary>
    Running,

    Completed,

    /// <summary>The loss became NaN or infinite; the job stopped at that step.</summary>
    Diverged,

    Failed,

    Cancelled,

    /// <summary>Handed back (its silo shut down): stopped at a checkpoint between two batches, to be resumed elsewhere.</summary>
    Suspended,

    /// <summary>
    /// Stopped by the sweep's early-stopping rule: its curve and results so far stand; never
    /// retried, never counted as failed. (Last, because Orleans stores enums by number.)
    /// </summary>
    StoppedEarly,
}

/// <summary>What a job's state means for the sweep.</summary>
public static class JobStates
{
    /// <summary>Every state, in declaration order: status lines, metrics and aggregates count them all.</summary>
    public static IReadOnlyList<JobState> All { get; } = Enum.GetValues<JobState>();

    /// <summary>The job has ended for good: no trainer will run it again unless a user asks (retry-failed).</summary>
    public static bool IsFinished(this JobState state) =>
        state is JobState.Completed or JobState.Diverged or JobState.Failed or JobState.Cancelled or JobState.StoppedEarly;

    /// <summary>The lower-case text the JSON and the metrics use (e.g. <c>completed</c>).</summary>
    public static string ToText(this JobState state) => JobJson.EnumText(state);
}
