namespace GradRetentionNet.Observability;

/// <summary>What identifies a job in the metrics: bounded labels only (no per-batch values).</summary>
public sealed record JobLabels(string Sweep, string JobId, string Dataset, string Optimizer, long Seed)
{
    /// <summary>For an attempt that failed before its spec could be read.</summary>
    public static JobLabels Unreadable(string sweep, string jobId) => new(sweep, jobId, "unknown", "unknown", 0);
}
