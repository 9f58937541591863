using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>A job of the plan: what never changes about it once the spec is expanded.</summary>
/// <param name="Index">Its place in the plan: pending jobs are dispatched in this order.</param>
/// <param name="GridPoint">The grid's values for this job as text (e.g. <c>lr=0.01</c>), for displays.</param>
public sealed record PlannedJob(int Index, string JobId, JobSpec Spec, string GridPoint, string OutputDirectory)
{
    /// <summary>Each job's folder: under the sweep's, by dataset, optimizer, seed and id.</summary>
    public static string FolderOf(string outputRoot, string sweep, JobSpec spec, string jobId) =>
        Path.Combine(outputRoot, sweep, spec.Dataset, spec.Optimizer, $"seed-{spec.Seed}-{jobId}");

    /// <summary>A configuration as a grid point's text, keys in ordinal order (e.g. <c>lr=0.01,momentum=0.9</c>).</summary>
    public static string GridPointText(IReadOnlyDictionary<string, string> configuration) =>
        string.Join(",", configuration.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
