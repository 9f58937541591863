using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Spec;
using System.Diagnostics;
using GradRetentionNet.Benchmarks.Orchestration;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Sweeps;

// Orchestration overhead: N fixed-length jobs on a cluster of silos, against the ideal makespan
// (the jobs packed perfectly onto the slots, no dispatch cost). Usage:
//   grn-orchestration-benchmark [jobs=200] [silos=3] [slots-per-silo=4] [job-seconds=1]
var arguments = args.Select(int.Parse).ToArray();
var jobs = arguments.ElementAtOrDefault(0) is > 0 and var j ? j : 200;
var silos = arguments.ElementAtOrDefault(1) is > 0 and var s ? s : 3;
var slotsPerSilo = arguments.ElementAtOrDefault(2) is > 0 and var k ? k : 4;
FixedLengthJobExecutor.Length = TimeSpan.FromSeconds(arguments.ElementAtOrDefault(3) is > 0 and var l ? l : 1);
if (jobs % 2 != 0) throw new ArgumentException($"jobs must be even (two optimizers × seeds): got {jobs}");

var output = Directory.CreateTempSubdirectory("grn-orchestration-");
var builder = new InProcessTestClusterBuilder((short)silos);
builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage("sweeps"));
builder.ConfigureSiloHost((_, host) => host.Services.AddTrainingSlots<FixedLengthJobExecutor>(new JobRunnerOptions(slotsPerSilo)));
await using var cluster = builder.Build();
await cluster.DeployAsync();

// Let every silo advertise its slots before the clock starts.
var board = cluster.Client.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
while ((await board.Silos()).Sum(x => x.Slots) < silos * slotsPerSilo) await Task.Delay(50);

// One small sweep first, so code paths are compiled and grains like the index are active (a
// long-running cluster is warm); its runs are not counted.
var slots = silos * slotsPerSilo;
await RunSweep("warm-up", slots);
FixedLengthJobExecutor.Runs.Clear();

var submitted = DateTime.UtcNow;
var clock = Stopwatch.StartNew();
var status = await RunSweep("orchestration", jobs);
var total = clock.Elapsed.TotalSeconds;
var lastEnd = FixedLengthJobExecutor.Runs.Max(r => r.End);

var ideal = Math.Ceiling((double)jobs / slots) * FixedLengthJobExecutor.Length.TotalSeconds;
var latencies = DispatchLatency.Seconds(FixedLengthJobExecutor.Runs, slotsPerSilo, submitted);
Console.WriteLine($"jobs {jobs} × {FixedLengthJobExecutor.Length.TotalSeconds:0.###} s on {silos} silos × {slotsPerSilo} slots: sweep {status.State}, {status.Count(JobState.Completed)} completed");
Console.WriteLine($"ideal makespan     {ideal,8:F2} s  (ceil(jobs / slots) × job length)");
Console.WriteLine($"last job ended at  {(lastEnd - submitted).TotalSeconds,8:F2} s  overhead {((lastEnd - submitted).TotalSeconds / ideal - 1) * 100,6:F2} %");
Console.WriteLine($"sweep seen done at {total,8:F2} s  overhead {(total / ideal - 1) * 100,6:F2} %  (includes the 20 ms status poll)");
Console.WriteLine($"dispatch latency   p50 {DispatchLatency.Percentile(latencies, 0.5) * 1000,7:F1} ms  p99 {DispatchLatency.Percentile(latencies, 0.99) * 1000,7:F1} ms  max {latencies.Max() * 1000,7:F1} ms  ({latencies.Count} dispatches)");
var firstWave = FixedLengthJobExecutor.Runs.OrderBy(r => r.Start).Take(slots).Select(r => (r.Start - submitted).TotalSeconds).ToList();
Console.WriteLine($"first wave started {firstWave.Min() * 1000,7:F1} … {firstWave.Max() * 1000,7:F1} ms after submission");
Console.WriteLine($"runs per silo      {string.Join(", ", FixedLengthJobExecutor.Runs.GroupBy(r => r.Silo).Select(g => g.Count()))}");
output.Delete(recursive: true);
return status.State == SweepState.Completed ? 0 : 1;

async Task<SweepStatus> RunSweep(string name, int count)
{
    var spec = $"""
        name: {name}
        datasets: [mnist-digits-10k]
        optimizers: [sgd, adam]
        seeds: [{string.Join(", ", Enumerable.Range(1, count / 2))}]
        epochs: 1
        """;
    var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(name);
    await coordinator.Submit(new SweepSubmission(SweepSpecParser.Parse(spec, "benchmark"), spec, output.FullName));
    SweepStatus status;
    while (!(status = await coordinator.GetStatus(withJobs: false)).State.IsFinished()) await Task.Delay(20);
    return status;
}
