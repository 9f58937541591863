using System.Collections.Concurrent;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>One job attempt as its executor saw it: where, and from when to when it held its slot.</summary>
public sealed record JobRun(string JobId, string Silo, DateTime Start, DateTime End);

/// <summary>What the executors on every silo of the in-process cluster did: the runs and the epoch reports they sent.</summary>
public sealed class JobRuns
{
    readonly ConcurrentQueue<JobRun> runs = new();
    int epochReports;

    public IReadOnlyCollection<JobRun> All => runs;

    public int EpochReports => Volatile.Read(ref epochReports);

    public void Add(JobRun run) => runs.Enqueue(run);

    public void CountEpochReport() => Interlocked.Increment(ref epochReports);

    /// <summary>Forgets the warm-up sweep.</summary>
    public void Clear()
    {
        runs.Clear();
        Interlocked.Exchange(ref epochReports, 0);
    }
}
