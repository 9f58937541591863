using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Observability;

/// <summary>
/// What a sweep's coordinator publishes: its jobs per state (<c>grn_sweep_jobs</c>, on the silo
/// where the coordinator lives) and the attempts it dispatched again (<c>grn_jobs_retried_total</c>).
/// </summary>
public sealed class SweepMetrics
{
    /// <summary>Job states always exported (at 0 when empty), so a panel's series do not come and go.</summary>
    public static readonly IReadOnlyList<string> JobStateNames = [.. JobStates.All.Select(s => s.ToText())];

    readonly KeyValuePair<string, object?> silo;
    readonly ConcurrentDictionary<string, Published> sweeps = new();
    readonly ConcurrentDictionary<Task, byte> watched = new();
    readonly Counter<long> retried;

    sealed record Published(IReadOnlyDictionary<string, int> Counts, Task? Lifetime);

    internal SweepMetrics(Meter meter, KeyValuePair<string, object?> silo)
    {
        this.silo = silo;
        retried = meter.CreateCounter<long>("grn.jobs.retried", description: "attempts the coordinator dispatched again (after a failure or a lost silo)");
        meter.CreateObservableGauge("grn.sweep.jobs", Observe, description: "the coordinator's count of the sweep's jobs per state");
    }

    /// <summary>
    /// Replaces the sweep's counts (a snapshot: the coordinator's own list is never read from the
    /// metrics thread). States not given are reported as 0. When <paramref name="lifetime"/>
    /// completes — the coordinator's activation has ended — the sweep's series are removed.
    /// </summary>
    public void PublishJobCounts(string sweep, IEnumerable<KeyValuePair<string, int>> countsPerState, Task? lifetime = null)
    {
        var counts = JobStateNames.ToDictionary(s => s, _ => 0);
        foreach (var (state, count) in countsPerState) counts[state] = count;
        sweeps[sweep] = new Published(counts, lifetime);
        // Watch each activation's lifetime once, however often it publishes.
        if (lifetime is not null && watched.TryAdd(lifetime, 0))
            lifetime.ContinueWith(_ => Forget(sweep, lifetime), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Removes the sweep's series (its coordinator has gone from this silo).</summary>
    public void RemoveJobCounts(string sweep) => sweeps.TryRemove(sweep, out _);

    /// <summary>Counts one attempt dispatched again.</summary>
    public void CountRetry(string sweep) => retried.Add(1, silo, new("sweep", sweep));

    // Only the activation that published last may remove: an older one ending must not take down the new one's series.
    void Forget(string sweep, Task lifetime)
    {
        watched.TryRemove(lifetime, out _);
        if (sweeps.TryGetValue(sweep, out var current) && ReferenceEquals(current.Lifetime, lifetime))
            sweeps.TryRemove(new KeyValuePair<string, Published>(sweep, current));
    }

    IEnumerable<Measurement<int>> Observe()
    {
        foreach (var (sweep, published) in sweeps)
            foreach (var (state, count) in published.Counts)
                yield return new Measurement<int>(count, silo, new("sweep", sweep), new("state", state));
    }
}
