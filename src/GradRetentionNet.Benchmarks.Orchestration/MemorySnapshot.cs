using System.Diagnostics;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// The process's managed heap and working set. The process is the whole in-process cluster
/// (every silo, the client, the executors' threads), so this bounds the coordinator's memory
/// from above rather than isolating it.
/// </summary>
public sealed record MemorySnapshot(long GcHeapBytes, long WorkingSetBytes)
{
    /// <summary>After a full, compacting, blocking collection: what is still referenced, not what awaits collection.</summary>
    public static MemorySnapshot AfterFullGc()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Now();
    }

    /// <summary>As it is (garbage included): for sampling the peak while the sweep runs.</summary>
    public static MemorySnapshot Now()
    {
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    public static MemorySnapshot Max(MemorySnapshot a, MemorySnapshot b) =>
        new(Math.Max(a.GcHeapBytes, b.GcHeapBytes), Math.Max(a.WorkingSetBytes, b.WorkingSetBytes));
}
