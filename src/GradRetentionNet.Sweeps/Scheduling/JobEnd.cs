using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>What the ledger made of a trainer's report of an attempt's end.</summary>
public enum JobEndKind
{
    /// <summary>From an earlier dispatch, or for a job already settled: nothing changed.</summary>
    Ignored,

    /// <summary>Handed back by a silo shutting down: pending again, not charged.</summary>
    HandedBack,

    /// <summary>Failed or cancelled with attempts left while the sweep runs: pending again, charged.</summary>
    Retried,

    /// <summary>The job ended for good in the report's state.</summary>
    Settled,

    /// <summary>
    /// The trainer of a trial stopped early says where it stopped — an epoch past the decision, which
    /// it trained while the stop was on its way — or that it finished before the stop reached it
    /// (then it is completed or diverged after all). Its slot was freed at the decision.
    /// </summary>
    AfterStop,
}

/// <summary>A report's effect on one job.</summary>
public sealed record JobEnd(JobEndKind Kind, LedgerEntry? Job, JobState? Reported = null);
