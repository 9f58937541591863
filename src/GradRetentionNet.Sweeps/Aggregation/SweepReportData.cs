using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>What a report is drawn from: the sweep's spec (YAML), its state, and its jobs' results.</summary>
public sealed record SweepReportData(string Spec, string State, List<JobResult> Results);
