namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>The job events a sweep's storage pays for: each dispatch, each epoch report, each job's end.</summary>
public sealed record JobEvents(int Dispatches, int EpochReports, int Ends)
{
    public int Total => Dispatches + EpochReports + Ends;
}

/// <summary>
/// The writes of one state name. The mean size of the first and last tenth of its writes says
/// whether a write grows as the sweep goes on (it should not: each write is one small record).
/// </summary>
/// <param name="Reads">Reads of this state (one per activation of a grain that has it).</param>
public sealed record StateWrites(string StateName, int Writes, long OrleansBytes, long StoredBytes,
    double OrleansBytesPerWrite, double StoredBytesPerWrite, double FirstTenthOrleansBytesPerWrite, double LastTenthOrleansBytesPerWrite,
    double WriteP50Ms, double WriteP99Ms, int Reads, double ReadP50Ms, double ReadP99Ms)
{
    public static StateWrites Of(string stateName, IReadOnlyList<StorageWrite> writes, IReadOnlyList<StorageRead> reads)
    {
        var tenth = Math.Max(1, writes.Count / 10);
        var writeSeconds = writes.Select(w => w.Seconds).ToList();
        var readSeconds = reads.Select(r => r.Seconds).ToList();
        return new StateWrites(stateName, writes.Count, writes.Sum(w => (long)w.OrleansBytes), writes.Sum(w => (long)w.StoredBytes),
            Mean(writes.Select(w => (double)w.OrleansBytes)), Mean(writes.Select(w => (double)w.StoredBytes)),
            Mean(writes.Take(tenth).Select(w => (double)w.OrleansBytes)), Mean(writes.TakeLast(tenth).Select(w => (double)w.OrleansBytes)),
            DispatchLatency.Percentile(writeSeconds, 0.5) * 1000, DispatchLatency.Percentile(writeSeconds, 0.99) * 1000,
            reads.Count, DispatchLatency.Percentile(readSeconds, 0.5) * 1000, DispatchLatency.Percentile(readSeconds, 0.99) * 1000);
    }

    static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Average();
}

/// <summary>What the sweep wrote to the "sweeps" storage, per state name and per job event.</summary>
public sealed record StorageFigures(IReadOnlyList<StateWrites> ByState, int Writes, long OrleansBytes, long StoredBytes,
    JobEvents Events, double OrleansBytesPerEvent, double StoredBytesPerEvent)
{
    public static StorageFigures Of(IReadOnlyCollection<StorageWrite> writes, IReadOnlyCollection<StorageRead> reads, JobEvents events)
    {
        var byState = writes.Select(w => w.StateName).Union(reads.Select(r => r.StateName))
            .Select(name => StateWrites.Of(name, writes.Where(w => w.StateName == name).ToList(), reads.Where(r => r.StateName == name).ToList()))
            .OrderByDescending(s => s.Writes).ToList();
        long orleans = writes.Sum(w => (long)w.OrleansBytes), stored = writes.Sum(w => (long)w.StoredBytes);
        return new StorageFigures(byState, writes.Count, orleans, stored, events,
            (double)orleans / Math.Max(1, events.Total), (double)stored / Math.Max(1, events.Total));
    }
}
