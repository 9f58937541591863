using System.Collections.Concurrent;
using System.Diagnostics;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// Where the coordinator's time goes. A coordinator takes one call at a time, so the time it
/// spends in its calls (incoming: Submit, EpochFinished, JobFinished, GetStatus, and its timer's
/// ticks, which show as InvokeCallbackAsync) is time every other report waits; the calls it makes
/// meanwhile (outgoing: the slot board, trainers, job records) say what that time is spent on.
/// A grain call filter on every silo, so nothing in the coordinator changes for the measurement.
/// </summary>
public sealed class CoordinatorCallTimes : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    readonly ConcurrentDictionary<string, ConcurrentQueue<double>> seconds = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext?.GrainInstance is not SweepCoordinatorGrain)
        {
            await context.Invoke();
            return;
        }
        await Timed($"in  {context.MethodName}", context.Invoke);
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.SourceContext?.GrainInstance is not SweepCoordinatorGrain)
        {
            await context.Invoke();
            return;
        }
        await Timed($"out {ShortName(context.InterfaceName)}.{context.MethodName}", context.Invoke);
    }

    async Task Timed(string key, Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await call();
        }
        finally
        {
            seconds.GetOrAdd(key, _ => new ConcurrentQueue<double>()).Enqueue(clock.Elapsed.TotalSeconds);
        }
    }

    static string ShortName(string interfaceName) => interfaceName[(interfaceName.LastIndexOf('.') + 1)..];

    /// <summary>Forgets the warm-up sweep.</summary>
    public void Clear() => seconds.Clear();

    public IReadOnlyList<CallTimes> Figures() =>
        seconds.Select(s => CallTimes.Of(s.Key, s.Value.ToList())).OrderBy(c => c.Call.StartsWith("out", StringComparison.Ordinal)).ThenByDescending(c => c.TotalSeconds).ToList();
}

/// <summary>The calls of one method into (in) or out of (out) the coordinator, and how long they took.</summary>
public sealed record CallTimes(string Call, int Calls, double TotalSeconds, double MeanMs, double P99Ms)
{
    public static CallTimes Of(string call, IReadOnlyList<double> seconds) =>
        new(call, seconds.Count, seconds.Sum(), seconds.Average() * 1000, DispatchLatency.Percentile(seconds, 0.99) * 1000);
}
