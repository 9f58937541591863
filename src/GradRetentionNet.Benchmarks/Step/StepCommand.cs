using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Optimizers.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Benchmarks.Step;

/// <summary>
/// <c>step</c>: times training steps of one workload in this process and prints one JSON line
/// (<see cref="StepReport"/>), the C# side of bench/pytorch. A step is zero_grad + forward +
/// cross-entropy + backward + optimizer step, as the trainer's loop does it, without the
/// trainer's bookkeeping.
/// </summary>
internal static class StepCommand
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static int Run(IReadOnlyList<string> args)
    {
        StepArguments arguments;
        Device device;
        try
        {
            arguments = StepArguments.Parse(args);
            device = DeviceSelector.Resolve(arguments.Device);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"step: {e.Message}");
            Console.Error.WriteLine(StepArguments.Usage);
            return 2;
        }

        // As the trainer does: the step measured is the step training takes.
        TensorMemoryRetention.Apply();
        // TorchSharp starts with one thread per core, Debian's PyTorch with one: both are set explicitly.
        torch.set_num_threads(arguments.Threads);
        torch.manual_seed(42);
        using var workload = StepWorkload.Create(arguments.Workload, arguments.Batch, device);
        workload.Model.train();
        // The project's own recipes at their defaults: torch.optim.SGD(0.01, momentum 0.9), torch.optim.Adam(1e-3).
        using var optimizer = OptimizerCatalog.Create(arguments.Optimizer, workload.Model.parameters(), null, new OptimizerContext(Seed: 42));

        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(workload.Forward(), workload.Target);
            loss.backward();
            optimizer.step();
        }

        // On a GPU a step ends when its kernels do, not when they are queued.
        var onCuda = device.type == DeviceType.CUDA;
        for (var i = 0; i < arguments.Warmup; i++) Step();
        if (onCuda) torch.cuda.synchronize();
        var times = new double[arguments.Steps];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Step();
            if (onCuda) torch.cuda.synchronize();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var parameters = workload.Model.named_parameters().ToList();
        var report = new StepReport("torchsharp", arguments.Workload, arguments.Optimizer, torch.get_num_threads(), arguments.Batch,
            device.ToString(), arguments.Warmup, parameters.Sum(p => p.parameter.numel()),
            parameters.ToDictionary(p => p.name, p => p.parameter.shape),
            times,
            new Dictionary<string, string>
            {
                ["torchsharp"] = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                ["dotnet"] = Environment.Version.ToString(),
            });
        Console.WriteLine(JsonSerializer.Serialize(report, Json));
        return 0;
    }
}

/// <summary>What one step run prints: the same fields as bench/pytorch/step.py.</summary>
internal sealed record StepReport(string Side, string Workload, string Optimizer, int Threads, int Batch, string Device, int Warmup,
    long Parameters, Dictionary<string, long[]> ParameterShapes, double[] StepMs, Dictionary<string, string> Versions);
