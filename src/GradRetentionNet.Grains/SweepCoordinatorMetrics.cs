using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Observability;

namespace GradRetentionNet.Grains;

/// <summary>What a sweep's coordinator grain tells the metrics (grn_sweep_jobs, grn_jobs_retried_total).</summary>
public static class SweepCoordinatorMetrics
{
    /// <summary>
    /// Publishes the sweep's jobs per state. Call after every change of the jobs' states; the
    /// series leave this silo's /metrics when <paramref name="coordinator"/>'s activation ends.
    /// </summary>
    public static void PublishJobCounts(this SiloMetrics metrics, IGrainBase coordinator, string sweep, IReadOnlyDictionary<JobState, int> counts) =>
        metrics.Sweeps.PublishJobCounts(sweep, counts.Select(c => KeyValuePair.Create(c.Key.ToText(), c.Value)), coordinator.GrainContext.Deactivated);

    /// <summary>Counts one attempt dispatched again (after a failure or a lost silo).</summary>
    public static void CountRetry(this SiloMetrics metrics, string sweep) => metrics.Sweeps.CountRetry(sweep);
}
