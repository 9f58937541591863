using System.Text.Json;
using System.Text.Json.Serialization;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>Slots' idle time while work waited (<see cref="DispatchLatency"/>), in milliseconds.</summary>
public sealed record LatencyFigures(int Dispatches, double P50Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static LatencyFigures Of(IReadOnlyList<double> seconds) =>
        new(seconds.Count, DispatchLatency.Percentile(seconds, 0.5) * 1000, DispatchLatency.Percentile(seconds, 0.99) * 1000,
            seconds.Count == 0 ? double.NaN : seconds.Max() * 1000, seconds.Count == 0 ? double.NaN : seconds.Average() * 1000);
}

/// <summary>The process's memory around the sweep; the process is the whole in-process cluster (see <see cref="MemorySnapshot"/>).</summary>
/// <param name="ActivationsAfter">Grain activations per type after the sweep: what the "after" figures still hold.</param>
public sealed record MemoryFigures(MemorySnapshot BeforeSweep, MemorySnapshot PeakDuringSweep, MemorySnapshot AfterSweep, IReadOnlyDictionary<string, int> ActivationsAfter);

/// <summary>Every figure of one run, printed and written as JSON.</summary>
/// <param name="LastJobEndSeconds">From the submission to the last job's end: the makespan.</param>
/// <param name="OverheadPercent">The makespan against <see cref="IdealMakespan.LowerBound"/>.</param>
/// <param name="OverheadVsPlanOrderPercent">The makespan against <see cref="IdealMakespan.PlanOrder"/>.</param>
/// <param name="MeasuredJobSeconds">The jobs' lengths as their executors measured them (sleep overshoot included), summed.</param>
public sealed record BenchmarkReport(
    BenchmarkOptions Options, string Storage, MachineDescription Machine, string? LoadAverageAfter,
    string SweepState, int Completed, IdealMakespan Ideal, double MeasuredJobSeconds,
    double SubmitSeconds, double FirstWaveStartedMs, double LastJobEndSeconds, double SeenDoneSeconds,
    double OverheadPercent, double OverheadVsPlanOrderPercent, double CpuSeconds,
    LatencyFigures DispatchLatency, StorageFigures StorageWrites, IReadOnlyList<CallTimes> CoordinatorCalls, MemoryFigures Memory, IReadOnlyList<int> RunsPerSilo)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static BenchmarkReport Of(BenchmarkOptions options, string storage, MachineDescription machine, SweepRun sweep,
        IdealMakespan ideal, JobRuns runs, StorageWrites writes, IReadOnlyList<CallTimes> coordinatorCalls, MemoryFigures memory)
    {
        var all = runs.All.ToList();
        var lastEnd = all.Count == 0 ? double.NaN : (all.Max(r => r.End) - sweep.Submitted).TotalSeconds;
        var latencies = Orchestration.DispatchLatency.Seconds(all, options.SlotsPerSilo, sweep.Submitted);
        var firstWave = all.OrderBy(r => r.Start).Take(options.Slots).Select(r => (r.Start - sweep.Submitted).TotalMilliseconds).DefaultIfEmpty(double.NaN).Max();
        // Each run is one dispatch that reached a slot and one job end; its executor sent the epoch reports.
        var events = new JobEvents(all.Count, runs.EpochReports, all.Count);
        return new BenchmarkReport(options, storage, machine, MachineDescription.LoadAverageNow(),
            sweep.Status.State.ToString(), sweep.Status.Count(JobState.Completed), ideal, all.Sum(r => (r.End - r.Start).TotalSeconds),
            sweep.SubmitSeconds, firstWave, lastEnd, sweep.SeenDoneSeconds,
            (lastEnd / ideal.LowerBound - 1) * 100, (lastEnd / ideal.PlanOrder - 1) * 100, sweep.CpuSeconds,
            LatencyFigures.Of(latencies), StorageFigures.Of(writes.All, writes.Reads, events), coordinatorCalls, memory,
            all.GroupBy(r => r.Silo).Select(g => g.Count()).ToList());
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public void Print(TextWriter output)
    {
        var o = Options;
        output.WriteLine($"{o.Jobs} jobs of {o.MinJobSeconds:0.###}–{o.MaxJobSeconds:0.###} s on {o.Silos} silos × {o.SlotsPerSilo} slots, {Storage}");
        output.WriteLine($"machine            {Machine.Cores} cores ({Machine.Cpu}), {Machine.Os}, {Machine.Runtime}; load average {Machine.LoadAverage} before, {LoadAverageAfter} after");
        output.WriteLine($"sweep              {SweepState}, {Completed} completed; submit returned after {SubmitSeconds * 1000:F0} ms, first wave started by {FirstWaveStartedMs:F0} ms");
        output.WriteLine($"job time           {Ideal.TotalJobSeconds:F2} s planned, {MeasuredJobSeconds:F2} s measured (sleep overshoot)");
        output.WriteLine($"ideal makespan     {Ideal.LowerBound,9:F2} s  (lower bound: max(job time / {o.Slots} slots, longest job))");
        output.WriteLine($"                   {Ideal.PlanOrder,9:F2} s  (zero-cost dispatch in plan order to the first free slot)");
        output.WriteLine($"last job ended at  {LastJobEndSeconds,9:F2} s  overhead {OverheadPercent,6:F2} % (vs plan order {OverheadVsPlanOrderPercent:F2} %)");
        output.WriteLine($"sweep seen done at {SeenDoneSeconds,9:F2} s  (status polled every 100 ms)");
        output.WriteLine($"dispatch latency   p50 {DispatchLatency.P50Ms,7:F1} ms  p99 {DispatchLatency.P99Ms,7:F1} ms  max {DispatchLatency.MaxMs,7:F1} ms  mean {DispatchLatency.MeanMs,6:F1} ms  ({DispatchLatency.Dispatches} dispatches)");
        output.WriteLine($"runs per silo      {string.Join(", ", RunsPerSilo)}");
        output.WriteLine($"process CPU        {CpuSeconds:F2} s over {SeenDoneSeconds:F2} s ({CpuSeconds / SeenDoneSeconds:F2} of {Machine.Cores} cores; {CpuSeconds * 1000 / Math.Max(1, Completed):F2} ms a job; the database server's own CPU not included)");

        var s = StorageWrites;
        output.WriteLine($"storage writes     {s.Writes} writes, {s.OrleansBytes:N0} B (Orleans serializer) / {s.StoredBytes:N0} B (as stored) for {s.Events.Total} job events "
                         + $"({s.Events.Dispatches} dispatches + {s.Events.EpochReports} epoch reports + {s.Events.Ends} ends)");
        output.WriteLine($"  per job event    {s.OrleansBytesPerEvent,9:F1} B Orleans serializer   {s.StoredBytesPerEvent,9:F1} B as stored   {(double)s.Writes / Math.Max(1, s.Events.Total):F2} writes");
        foreach (var state in s.ByState)
        {
            var name = $"\"{state.StateName}\"".PadRight(10);
            var reads = state.Reads == 0 ? "no reads" : $"{state.Reads} reads p50 {state.ReadP50Ms:F2} ms p99 {state.ReadP99Ms:F2} ms";
            if (state.Writes == 0)
            {
                output.WriteLine($"  {name} {0,7} writes; {reads}");
                continue;
            }
            output.WriteLine($"  {name} {state.Writes,7} writes  {state.OrleansBytesPerWrite,9:F1} B/write (stored {state.StoredBytesPerWrite:F1})  "
                             + $"first 10 % {state.FirstTenthOrleansBytesPerWrite:F1} B, last 10 % {state.LastTenthOrleansBytesPerWrite:F1} B");
            output.WriteLine($"{"",14}time in the backend: write p50 {state.WriteP50Ms:F2} ms p99 {state.WriteP99Ms:F2} ms; {reads}");
        }

        output.WriteLine($"coordinator calls  (its busy time is the sum of the \"in\" calls: {CoordinatorCalls.Where(c => c.Call.StartsWith("in", StringComparison.Ordinal)).Sum(c => c.TotalSeconds):F2} s of {LastJobEndSeconds:F2} s)");
        foreach (var call in CoordinatorCalls)
            output.WriteLine($"  {call.Call,-44} {call.Calls,7} calls  {call.TotalSeconds,8:F2} s  mean {call.MeanMs,7:F2} ms  p99 {call.P99Ms,7:F2} ms");

        var m = Memory;
        output.WriteLine($"memory (process = whole in-process cluster; after a full GC)");
        output.WriteLine($"  before sweep     GC heap {Mb(m.BeforeSweep.GcHeapBytes),8:F1} MB  working set {Mb(m.BeforeSweep.WorkingSetBytes),8:F1} MB");
        output.WriteLine($"  peak during      GC heap {Mb(m.PeakDuringSweep.GcHeapBytes),8:F1} MB  working set {Mb(m.PeakDuringSweep.WorkingSetBytes),8:F1} MB  (sampled, garbage included)");
        output.WriteLine($"  after sweep      GC heap {Mb(m.AfterSweep.GcHeapBytes),8:F1} MB  working set {Mb(m.AfterSweep.WorkingSetBytes),8:F1} MB");
        output.WriteLine($"  activations after: {string.Join(", ", m.ActivationsAfter.Select(a => $"{a.Key} {a.Value}"))}");
    }

    static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
