using GradRetentionNet.Benchmarks.Orchestration;
using GradRetentionNet.Contracts.Sweeps;

// Orchestration overhead at scale: a sweep of short jobs of known, varied lengths on an
// in-process cluster, against the ideal makespan (the jobs packed onto the slots with no
// dispatch cost), with what the sweep wrote to grain storage per job event and the process's
// memory. Usage: see BenchmarkOptions.Usage.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\nusage: {BenchmarkOptions.Usage}");
    return 2;
}

var machine = MachineDescription.Current();
var output = Directory.CreateTempSubdirectory("grn-orchestration-");
var runs = new JobRuns();
var writes = new StorageWrites();
var calls = new CoordinatorCallTimes();
using var storage = await BenchmarkStorage.StartAsync(options.Storage);
await using var cluster = await BenchmarkCluster.StartAsync(options, storage, runs, writes, calls);
var driver = new SweepDriver(cluster.Client, output.FullName);

// One small sweep first, so code paths are compiled and grains like the index are active (a
// long-running cluster is warm); its runs and writes are not counted.
await driver.RunAsync("warm-up", options.Slots + options.Slots % 2);
runs.Clear();
writes.Clear();
calls.Clear();

var before = MemorySnapshot.AfterFullGc();
var sweep = await driver.RunAsync("orchestration", options.Jobs);
var after = MemorySnapshot.AfterFullGc();
var memory = new MemoryFigures(before, sweep.Peak, after, await BenchmarkCluster.ActivationsAsync(cluster.Client));

var ideal = IdealMakespan.Of(driver.Plan("orchestration", options.Jobs).Select(job => options.Lengths.Of(job.JobId)).ToList(), options.Slots);
var report = BenchmarkReport.Of(options, storage.Description, machine, sweep, ideal, runs, writes, calls.Figures(), memory);
report.Print(Console.Out);
if (options.JsonPath is { } path) report.WriteJson(path);
output.Delete(recursive: true);
return sweep.Status.State == SweepState.Completed ? 0 : 1;
