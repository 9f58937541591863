using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GradRetentionNet.Benchmarks;

// In-process: the benchmark runs against the natives this build patched and copied, with no
// second build of the project in a temporary folder.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(5)
    .WithIterationCount(20)
    .WithInvocationCount(16)
    .WithUnrollFactor(1);
var config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.JoinSummary);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
foreach (var summary in summaries) OverheadReport.Print(summary, Console.Out);
