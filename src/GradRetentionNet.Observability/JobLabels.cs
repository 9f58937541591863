namespace GradRetentionNet.Observability;

/// <summary>What identifies a job in the metrics: bounded labels only (no per-batch values).</summary>
public sealed record JobLabels(string Sweep, string JobId, string Dataset, string Optimizer, long Seed);
