namespace GradRetentionNet.Grains;

/// <summary>A sweep to run: its spec as written, and where results go.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSubmission([property: Id(0)] string SpecYaml, [property: Id(1)] string Source, [property: Id(2)] string OutputRoot);

/// <summary>One job handed to a trainer: the job spec (JSON), its folder, and which attempt this is.</summary>
[GenerateSerializer, Immutable]
public sealed record JobAssignment(
    [property: Id(0)] string Sweep,
    [property: Id(1)] string JobId,
    [property: Id(2)] string SpecJson,
    [property: Id(3)] string OutputDirectory,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int TrialsPerGpu = 1)
{
    /// <summary>Job ids come from the resolved configuration, so two sweeps may share one: the sweep makes it unique.</summary>
    public string Key => KeyOf(Sweep, JobId);

    public static string KeyOf(string sweep, string jobId) => $"{sweep}/{jobId}";
}

/// <summary>
/// How a job attempt ended, as its trainer reports it. Status: completed, diverged, failed,
/// cancelled, or suspended (handed back by a silo that is shutting down, to be run elsewhere).
/// </summary>
/// <param name="ResumedAtEpoch">Epochs already complete in the checkpoint this attempt resumed from; null for a fresh start.</param>
[GenerateSerializer, Immutable]
public sealed record JobReport(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Status,
    [property: Id(3)] double? FinalMetric,
    [property: Id(4)] string? Error,
    [property: Id(5)] int EpochsDone = 0,
    [property: Id(6)] int? ResumedAtEpoch = null);

/// <summary>
/// What a silo tells the slot board: its slots (GPUs on a GPU silo; 0 while it shuts down), whether
/// they are GPUs, and the jobs it holds with the share of a slot each takes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SlotAdvert([property: Id(0)] SiloAddress Silo, [property: Id(1)] int Slots, [property: Id(2)] HeldJob[] Jobs, [property: Id(3)] bool Gpus = false);

/// <summary>A job a silo holds and the share of a slot it takes (1, or 1/trials_per_gpu of a GPU).</summary>
[GenerateSerializer, Immutable]
public sealed record HeldJob([property: Id(0)] string Key, [property: Id(1)] double Share);

/// <summary>One silo as the slot board sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record SiloSlots([property: Id(0)] string Silo, [property: Id(1)] int Slots, [property: Id(2)] double Used, [property: Id(3)] bool Gpus = false);

/// <summary>A job's place in its sweep, for status displays.</summary>
[GenerateSerializer, Immutable]
public sealed record JobStatusRow(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string Optimizer,
    [property: Id(3)] long Seed,
    [property: Id(4)] string GridPoint,
    [property: Id(5)] string State,
    [property: Id(6)] int Attempts,
    [property: Id(7)] int EpochsDone,
    [property: Id(8)] double? FinalMetric,
    [property: Id(9)] string? Error,
    [property: Id(10)] string OutputDirectory,
    [property: Id(11)] string? Silo = null,
    [property: Id(12)] int? ResumedAtEpoch = null);

/// <summary>A sweep's state and its jobs. State: running, completed, stopped (too many failures) or cancelled.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepStatus([property: Id(0)] string Name, [property: Id(1)] string State, [property: Id(2)] JobStatusRow[] Jobs)
{
    public bool Finished => State is "completed" or "stopped" or "cancelled";
    public int Count(string state) => Jobs.Count(j => j.State == state);
}
