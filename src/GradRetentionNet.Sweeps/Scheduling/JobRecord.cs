using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>
/// One job's state in its sweep — persisted on its own (a small record per job, written only when
/// that job changes), so a report or a job's end costs storage independent of the sweep's size.
/// <see cref="Attempts"/> counts the attempts charged against max_attempts (a failure or a lost
/// silo is charged; a hand-back at shutdown is not).
/// </summary>
[GenerateSerializer]
public sealed class JobRecord
{
    [Id(0)] public JobState State { get; set; } = JobState.Pending;
    [Id(1)] public int Attempts { get; set; }

    /// <summary>Times the job was handed to a trainer; numbers each dispatch, so late reports of an earlier one are ignored.</summary>
    [Id(2)] public int Dispatches { get; set; }

    [Id(3)] public int EpochsDone { get; set; }
    [Id(4)] public double? FinalMetric { get; set; }
    [Id(5)] public string? Error { get; set; }

    /// <summary>The silo running (or last running) the job, as Orleans writes its address.</summary>
    [Id(6)] public string? Silo { get; set; }

    /// <summary>Epochs complete in the checkpoint the latest attempt resumed from.</summary>
    [Id(7)] public int? ResumedAtEpoch { get; set; }

    [Id(8)] public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>
    /// The early-stop metric by epoch (higher is better), when the sweep stops early: what a
    /// restarted coordinator rebuilds its rungs from. Null otherwise.
    /// </summary>
    [Id(9)] public List<double>? Curve { get; set; }

    public JobRecord Copy()
    {
        var copy = (JobRecord)MemberwiseClone();
        copy.Curve = Curve is null ? null : [.. Curve];
        return copy;
    }
}
