using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Contracts.Grains;

/// <summary>One job handed to a trainer: its typed spec, its folder, and which dispatch this is.</summary>
[GenerateSerializer, Immutable]
public sealed record JobAssignment(
    [property: Id(0)] string Sweep,
    [property: Id(1)] string JobId,
    [property: Id(2)] JobSpec Spec,
    [property: Id(3)] string OutputDirectory,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int TrialsPerGpu = 1)
{
    /// <summary>Job ids come from the resolved configuration, so two sweeps may share one: the sweep makes it unique.</summary>
    public string Key => KeyOf(Sweep, JobId);

    public static string KeyOf(string sweep, string jobId) => $"{sweep}/{jobId}";
}

/// <summary>
/// How a job attempt ended, as its trainer reports it: completed, diverged, failed, cancelled,
/// or suspended (handed back by a silo that is shutting down, to be run elsewhere).
/// </summary>
/// <param name="ResumedAtEpoch">Epochs already complete in the checkpoint this attempt resumed from; null for a fresh start.</param>
[GenerateSerializer, Immutable]
public sealed record JobReport(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] JobState State,
    [property: Id(3)] double? FinalMetric,
    [property: Id(4)] string? Error,
    [property: Id(5)] int EpochsDone = 0,
    [property: Id(6)] int? ResumedAtEpoch = null);

/// <summary>
/// A finished epoch of a job attempt, as its trainer reports it: the figures the coordinator's
/// early stopping compares (validation ones are null without a validation split).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EpochReport(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] int Epoch,
    [property: Id(3)] double? ValidationMetric = null,
    [property: Id(4)] double? ValidationLoss = null,
    [property: Id(5)] double? TestMetric = null);

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
