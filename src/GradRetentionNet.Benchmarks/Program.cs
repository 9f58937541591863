using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GradRetentionNet.Benchmarks;
using GradRetentionNet.Benchmarks.Step;

// `step ...` times one workload's training steps for bench/pytorch (one process per run, so that
// the driver can interleave it with the PyTorch peer); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "step") return StepCommand.Run(args[1..]);

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
return 0;
