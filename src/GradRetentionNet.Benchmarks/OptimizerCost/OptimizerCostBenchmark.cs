using System.Diagnostics;
using TorchSharp;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>
/// The optimizer-cost benchmark: the time of a SimpleCNN training step and of the update alone
/// for each optimizer, measured interleaved in one process (bench/optimizer-cost/).
/// </summary>
public static class OptimizerCostBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(OptimizerCostOptions.Usage);
            return 0;
        }
        OptimizerCostOptions options;
        try
        {
            options = OptimizerCostOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{e.Message}\nusage: {OptimizerCostOptions.Usage}");
            return 2;
        }

        var machine = MachineDescription.Current();
        var started = DateTime.UtcNow;
        Console.WriteLine($"optimizer-cost on {machine}");
        using var batches = new SyntheticBatches(options.Shape, options.BatchSize, seed: 1);
        var runs = new List<ThreadRun>();
        try
        {
            foreach (var threads in options.Threads)
            {
                var run = RunAt(threads, options, batches);
                CostReport.Print(run, options, Console.Out);
                runs.Add(run);
            }
        }
        catch (ArgumentException e)
        {
            // A catalogue name or hyperparameter the catalogue refuses: its one-line message.
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var report = new CostReport("optimizer-cost", string.Join(' ', ["grn-benchmarks", "optimizer-cost", .. args]), started, machine, options, CostReport.GoalRatio, runs);
        if (options.JsonPath is { } path)
        {
            report.WriteJson(path);
            Console.WriteLine($"\nwrote {path}");
        }
        return 0;
    }

    static ThreadRun RunAt(int threads, OptimizerCostOptions options, SyntheticBatches batches)
    {
        torch.set_num_threads(threads);
        var loadBefore = MachineDescription.LoadAverageNow();
        var clock = Stopwatch.StartNew();
        var plannedSteps = (long)(options.WarmupRounds + options.Rounds) * options.BlockSteps;
        var cases = new List<CostCase>();
        try
        {
            foreach (var label in options.Optimizers) cases.Add(new CostCase(label, options.Shape, batches, plannedSteps));
            var times = InterleavedRounds.Run(cases, options.WarmupRounds, options.Rounds, options.BlockSteps);
            return new ThreadRun(threads, clock.Elapsed.TotalSeconds, loadBefore, MachineDescription.LoadAverageNow(), CaseFigures.Of(times));
        }
        finally
        {
            foreach (var c in cases) c.Dispose();
        }
    }
}
