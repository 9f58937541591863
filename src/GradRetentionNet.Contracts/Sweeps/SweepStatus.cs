using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>A job's place in its sweep, for status displays.</summary>
[GenerateSerializer, Immutable]
public sealed record JobStatusRow(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string Optimizer,
    [property: Id(3)] long Seed,
    [property: Id(4)] string GridPoint,
    [property: Id(5)] JobState State,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int EpochsDone,
    [property: Id(8)] double? FinalMetric,
    [property: Id(9)] string? Error,
    [property: Id(10)] string OutputDirectory,
    [property: Id(11)] string? Silo = null,
    [property: Id(12)] int? ResumedAtEpoch = null);

/// <summary>
/// A sweep's state, its jobs counted per state (every state present), and — when asked for — each
/// job's row. A sweep of tens of thousands of jobs is followed by its counts alone. A study's
/// status covers both phases' jobs and says which phase it is in (<see cref="Phase"/>; null for
/// an ordinary sweep).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] SweepState State,
    [property: Id(2)] IReadOnlyDictionary<JobState, int> Counts,
    [property: Id(3)] JobStatusRow[]? Jobs = null,
    [property: Id(4)] StudyPhase? Phase = null)
{
    public int Total => Counts.Values.Sum();

    public int Count(JobState state) => Counts.GetValueOrDefault(state);

    /// <summary>Counts with every state present (0 where none), in declaration order.</summary>
    public static IReadOnlyDictionary<JobState, int> CountsOf(IEnumerable<JobState> states)
    {
        var counts = JobStates.All.ToDictionary(s => s, _ => 0);
        foreach (var state in states) counts[state]++;
        return counts;
    }
}
