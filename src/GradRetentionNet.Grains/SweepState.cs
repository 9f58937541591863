namespace GradRetentionNet.Grains;

/// <summary>The persisted plan of a sweep and every job's state.</summary>
[GenerateSerializer]
public sealed class SweepState
{
    [Id(0)] public string SpecYaml { get; set; } = "";
    [Id(1)] public string OutputRoot { get; set; } = "";
    [Id(2)] public string State { get; set; } = "";
    [Id(3)] public int MaxAttempts { get; set; }
    [Id(4)] public int MaxFailedTrials { get; set; }
    [Id(5)] public List<JobEntry> Jobs { get; set; } = [];

    /// <summary>resources.trials_per_gpu: jobs of this sweep sharing one GPU.</summary>
    [Id(6)] public int TrialsPerGpu { get; set; } = 1;
}

/// <summary>
/// One job of the plan. State: pending (waiting for a free slot), running, completed, diverged,
/// failed, cancelled. <see cref="Attempts"/> counts the attempts charged against max_attempts
/// (a failure or a lost silo is charged; a hand-back at shutdown is not).
/// </summary>
[GenerateSerializer]
public sealed class JobEntry
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(1)] public string SpecJson { get; set; } = "";
    [Id(2)] public string OutputDirectory { get; set; } = "";
    [Id(3)] public string Dataset { get; set; } = "";
    [Id(4)] public string Optimizer { get; set; } = "";
    [Id(5)] public long Seed { get; set; }
    [Id(6)] public string GridPoint { get; set; } = "";
    [Id(7)] public string State { get; set; } = "pending";
    [Id(8)] public int Attempts { get; set; }
    [Id(9)] public int EpochsDone { get; set; }
    [Id(10)] public double? FinalMetric { get; set; }
    [Id(11)] public string? Error { get; set; }

    /// <summary>Times the job was handed to a trainer; numbers each dispatch, so late reports of an earlier one are ignored.</summary>
    [Id(12)] public int Dispatches { get; set; }

    /// <summary>The silo running (or last running) the job, as Orleans writes its address.</summary>
    [Id(13)] public string? Silo { get; set; }

    /// <summary>Epochs complete in the checkpoint the latest attempt resumed from.</summary>
    [Id(14)] public int? ResumedAtEpoch { get; set; }

    [Id(15)] public DateTimeOffset? DispatchedAt { get; set; }

    public bool Finished => State is "completed" or "diverged" or "failed" or "cancelled";

    public string Key(string sweep) => JobAssignment.KeyOf(sweep, JobId);

    public JobStatusRow ToRow() => new(JobId, Dataset, Optimizer, Seed, GridPoint, State, Attempts, EpochsDone, FinalMetric, Error, OutputDirectory, Silo, ResumedAtEpoch);
}
