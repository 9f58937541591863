namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>A planned job and its current record, as the ledger holds them.</summary>
public sealed class LedgerEntry(PlannedJob plan, JobRecord record)
{
    public PlannedJob Plan { get; } = plan;
    public JobRecord Record { get; internal set; } = record;
    public string JobId => Plan.JobId;
}
