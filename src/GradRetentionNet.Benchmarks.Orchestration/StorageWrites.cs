using System.Collections.Concurrent;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>One grain-state write: the state's name ("plan", "job", ...), its size in bytes (see <see cref="CountingGrainStorage"/>) and its time in the backend.</summary>
public sealed record StorageWrite(string StateName, int OrleansBytes, int StoredBytes, double Seconds);

/// <summary>One grain-state read (a grain with persistent state reads it when it activates) and its time in the backend.</summary>
public sealed record StorageRead(string StateName, double Seconds);

/// <summary>Every read and write of the "sweeps" storage on every silo, writes in the order they ended.</summary>
public sealed class StorageWrites
{
    readonly ConcurrentQueue<StorageWrite> writes = new();
    readonly ConcurrentQueue<StorageRead> reads = new();

    public IReadOnlyCollection<StorageWrite> All => writes;

    public IReadOnlyCollection<StorageRead> Reads => reads;

    public void Add(StorageWrite write) => writes.Enqueue(write);

    public void AddRead(StorageRead read) => reads.Enqueue(read);

    /// <summary>Forgets the warm-up sweep.</summary>
    public void Clear()
    {
        writes.Clear();
        reads.Clear();
    }
}
