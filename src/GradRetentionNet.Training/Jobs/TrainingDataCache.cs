using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// A silo's loaded data, shared read-only by the jobs that ask for the same data: a sweep's jobs that
/// differ only in optimizer, hyperparameters or seed load their dataset once, not once each (JobDataLoader
/// draws subsets and the validation carve with a fixed seed, so their data is identical anyway).
/// Data stays while a job holds a lease on it; of the data no job holds, the most recently used
/// <see cref="IdleCapacity"/> stay for the next jobs and older ones are disposed. Thread-safe: jobs on
/// several slots acquire, read and release concurrently; two asking for the same data load it once.
/// </summary>
/// <remarks>
/// Sharing is safe because batching only reads a split's host tensors (each batch is a new tensor).
/// Device-resident data is not shared: its split keeps one device copy and moves it when asked for
/// another device, which concurrent jobs on different GPUs would fight over.
/// </remarks>
public sealed class TrainingDataCache(int idleCapacity = 2, string? dataRoot = null) : IDisposable
{
    readonly Lock gate = new();
    readonly Dictionary<DataKey, Entry> entries = [];
    long clock;
    bool disposed;

    /// <summary>How many loaded data sets no job holds are kept for later jobs.</summary>
    public int IdleCapacity { get; } = idleCapacity >= 0 ? idleCapacity : throw new ArgumentOutOfRangeException(nameof(idleCapacity));

    /// <summary>How many times data was loaded (not found in the cache).</summary>
    public int Loads => Volatile.Read(ref loads);
    int loads;

    /// <summary>Data sets held now, whether a job holds them or not.</summary>
    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>
    /// The data <paramref name="spec"/> names, loaded now or shared with other jobs; dispose the lease
    /// when the job is done with it (never the data itself). <paramref name="loadSeconds"/>: the time this
    /// call spent loading, or waiting for another job loading the same data; 0 when it was in the cache.
    /// </summary>
    public TrainingDataLease Acquire(JobSpec spec, out double loadSeconds)
    {
        if (spec.DeviceResident)
        {
            var loading = System.Diagnostics.Stopwatch.StartNew();
            var own = JobDataLoader.Load(spec, dataRoot);
            loadSeconds = loading.Elapsed.TotalSeconds;
            return new TrainingDataLease(own, own.Dispose);
        }
        var key = DataKey.Of(spec);
        Entry entry;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(new Lazy<TrainingData>(() => Load(spec), LazyThreadSafetyMode.ExecutionAndPublication));
                entries.Add(key, entry);
            }
            entry.Holders++;
            entry.LastUsed = ++clock;
        }
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        var wasLoaded = entry.Data.IsValueCreated;
        try
        {
            var data = entry.Data.Value;
            loadSeconds = wasLoaded ? 0 : waiting.Elapsed.TotalSeconds;
            return new TrainingDataLease(data, () => Release(key, entry));
        }
        catch
        {
            // A failed load is not kept: the next job tries again (the files may be there by then).
            lock (gate)
            {
                entry.Holders--;
                if (entries.TryGetValue(key, out var current) && current == entry) entries.Remove(key);
            }
            throw;
        }
    }

    TrainingData Load(JobSpec spec)
    {
        Interlocked.Increment(ref loads);
        return JobDataLoader.Load(spec, dataRoot);
    }

    void Release(DataKey key, Entry entry)
    {
        List<Entry> evicted;
        lock (gate)
        {
            entry.Holders--;
            if (disposed)
            {
                if (entry.Holders == 0) evicted = [entry];
                else return;
            }
            else evicted = Evict();
        }
        foreach (var old in evicted) old.Dispose();
    }

    // Under the gate: the idle entries beyond the capacity, least recently used first, out of the table.
    List<Entry> Evict()
    {
        var idle = entries.Where(e => e.Value.Holders == 0).OrderBy(e => e.Value.LastUsed).ToList();
        var evicted = new List<Entry>();
        foreach (var (key, entry) in idle.Take(Math.Max(0, idle.Count - IdleCapacity)))
        {
            entries.Remove(key);
            evicted.Add(entry);
        }
        return evicted;
    }

    /// <summary>Disposes the data no job holds; data still held is disposed when its last lease is.</summary>
    public void Dispose()
    {
        List<Entry> idle;
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            idle = entries.Values.Where(e => e.Holders == 0).ToList();
            entries.Clear();
        }
        foreach (var entry in idle) entry.Dispose();
    }

    /// <summary>What makes two jobs' data the same: everything <see cref="JobDataLoader.Load"/> reads from a spec.</summary>
    sealed record DataKey(string Dataset, long? MaxTrainSamples, long? MaxTestSamples, double? ValidationFraction, string Model, string? ModelDirectory)
    {
        public static DataKey Of(JobSpec spec) =>
            new(spec.Dataset, spec.MaxTrainSamples, spec.MaxTestSamples, spec.ValidationFraction, spec.Model, spec.ModelDirectory);
    }

    sealed class Entry(Lazy<TrainingData> data)
    {
        public Lazy<TrainingData> Data { get; } = data;
        public int Holders { get; set; }
        public long LastUsed { get; set; }

        public void Dispose()
        {
            if (Data.IsValueCreated) Data.Value.Dispose();
        }
    }
}

/// <summary>A job's hold on its data: dispose it (once) when the job no longer reads the data.</summary>
public sealed class TrainingDataLease(TrainingData data, Action release) : IDisposable
{
    int released;

    public TrainingData Data { get; } = data;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) release();
    }
}
