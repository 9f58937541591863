using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>What one run of the optimizer-cost benchmark measured, printed as tables and written as JSON.</summary>
/// <param name="Command">The command line of the run.</param>
/// <param name="Goal">The full-step ratio EnhancedSGD should stay under (issue 12).</param>
public sealed record CostReport(string Benchmark, string Command, DateTime StartedUtc, MachineDescription Machine, OptimizerCostOptions Options,
    double Goal, IReadOnlyList<ThreadRun> Runs)
{
    public const double GoalRatio = 1.05;
    const string GoalOptimizer = "enhanced-sgd";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void WriteJson(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }

    /// <summary>The table of one thread count's run, and the goal's verdict.</summary>
    public static void Print(ThreadRun run, OptimizerCostOptions options, TextWriter output)
    {
        var (channels, side) = SyntheticBatches.Dimensions(options.Shape);
        var baseline = run.Optimizers[0].Optimizer;
        output.WriteLine();
        output.WriteLine($"SimpleCNN {channels}x{side}x{side}, batch {options.BatchSize}, CPU, {run.Threads} torch thread(s): {options.Rounds} rounds x {options.BlockSteps} steps per optimizer, order rotating each round ({run.Seconds:F0} s, load average {run.LoadAverageBefore} -> {run.LoadAverageAfter})");
        output.WriteLine($"ratio: per round, mean step / {baseline}'s mean step in that round; median [interquartile range] (min-max) over rounds");
        var rows = new List<string[]>
        {
            new[] { "optimizer", "full ms", "full / " + baseline, "full IQR", "full min-max", "update ms", "update / " + baseline, "update extra", "final loss" },
        };
        foreach (var c in run.Optimizers)
        {
            rows.Add([
                c.Optimizer,
                F(c.FullStep.MedianStepMs, 2),
                F(c.FullStep.RatioToBaseline.Median, 3),
                $"{F(c.FullStep.RatioToBaseline.Q1, 3)}-{F(c.FullStep.RatioToBaseline.Q3, 3)}",
                $"{F(c.FullStep.RatioToBaseline.Min, 3)}-{F(c.FullStep.RatioToBaseline.Max, 3)}",
                F(c.OptimizerStep.MedianStepMs, 3),
                F(c.OptimizerStep.RatioToBaseline.Median, 2),
                $"{c.OptimizerExtraPercent.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)} %",
                F(c.FinalLoss, 3),
            ]);
        }
        var widths = Enumerable.Range(0, rows[0].Length).Select(col => rows.Max(r => r[col].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine("  " + string.Join("  ", row.Select((cell, col) => col == 0 ? cell.PadRight(widths[col]) : cell.PadLeft(widths[col]))));
        output.WriteLine($"  full ms, update ms: median step; update extra: (update ms - {baseline}'s) as % of {baseline}'s full step");

        if (run.Optimizers.FirstOrDefault(c => c.Optimizer == GoalOptimizer) is { } goal)
        {
            var ratio = goal.FullStep.RatioToBaseline;
            var verdict = options.Smoke ? "not judged (a smoke run)" : ratio.Median <= GoalRatio ? "met" : "NOT met";
            output.WriteLine($"  {GoalOptimizer} full step / {baseline}: {F(ratio.Median, 3)} (IQR {F(ratio.Q1, 3)}-{F(ratio.Q3, 3)}): goal <= {GoalRatio:F2} {verdict} at {run.Threads} thread(s)");
        }
    }

    static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
