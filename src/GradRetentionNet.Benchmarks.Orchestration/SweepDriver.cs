using System.Diagnostics;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>How a sweep went, as its submitter saw it.</summary>
/// <param name="Submitted">When the spec was handed over (before parsing it, as the API would).</param>
/// <param name="SubmitSeconds">How long Submit took to return (planning, the plan's write, the first dispatches).</param>
/// <param name="SeenDoneSeconds">When a status poll first saw it finished.</param>
/// <param name="Peak">The largest heap and working set sampled while it ran (garbage included).</param>
/// <param name="CpuSeconds">CPU time the process (the whole in-process cluster) used from the submission until it was seen done.</param>
public sealed record SweepRun(SweepStatus Status, DateTime Submitted, double SubmitSeconds, double SeenDoneSeconds, MemorySnapshot Peak, double CpuSeconds);

/// <summary>
/// Submits a sweep of N jobs (two optimizers × N/2 seeds, one epoch) straight to its coordinator
/// grain, as the API does, and polls its counts until it finishes.
/// </summary>
public sealed class SweepDriver(IClusterClient client, string outputRoot)
{
    /// <summary>Counts only (withJobs: false): a poll must not cost the coordinator a row per job.</summary>
    static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(100);

    static string Spec(string name, int jobs) => $"""
        name: {name}
        datasets: [mnist-digits-10k]
        optimizers: [sgd, adam]
        seeds: [{string.Join(", ", Enumerable.Range(1, jobs / 2))}]
        epochs: 1
        """;

    /// <summary>The sweep's jobs in plan order, as its coordinator will plan them.</summary>
    public IReadOnlyList<PlannedJob> Plan(string name, int jobs) =>
        SweepExpander.Plan(SweepSpecParser.Parse(Spec(name, jobs), "benchmark"), outputRoot);

    public async Task<SweepRun> RunAsync(string name, int jobs)
    {
        var spec = Spec(name, jobs);
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>(name);
        var peak = MemorySnapshot.Now();
        var cpu = CpuTime();
        var submitted = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await coordinator.Submit(new SweepSubmission(SweepSpecParser.Parse(spec, "benchmark"), spec, outputRoot));
        var submitSeconds = clock.Elapsed.TotalSeconds;
        SweepStatus status;
        while (!(status = await coordinator.GetStatus(withJobs: false)).State.IsFinished())
        {
            peak = MemorySnapshot.Max(peak, MemorySnapshot.Now());
            await Task.Delay(PollPeriod);
        }
        return new SweepRun(status, submitted, submitSeconds, clock.Elapsed.TotalSeconds, peak, (CpuTime() - cpu).TotalSeconds);
    }

    static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
