namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>What the ledger made of an epoch report.</summary>
public enum EpochOutcome
{
    /// <summary>From an earlier dispatch, repeated, or for a job no longer running: nothing changed.</summary>
    Ignored,

    /// <summary>The epoch is recorded; the job goes on.</summary>
    Recorded,

    /// <summary>The early-stopping rule ended the job after this epoch: its trainer must stop.</summary>
    StoppedEarly,
}
