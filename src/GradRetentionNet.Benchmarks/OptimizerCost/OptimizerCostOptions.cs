using System.Globalization;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>The input shape of the SimpleCNN being trained.</summary>
public enum ImageShape
{
    /// <summary>1×28×28 (421,642 parameters).</summary>
    Mnist,

    /// <summary>3×32×32 (545,098 parameters).</summary>
    Cifar,
}

/// <summary>
/// One run of the optimizer-cost benchmark: for each torch thread count, <see cref="Rounds"/>
/// timed rounds (after <see cref="WarmupRounds"/> untimed ones) in which every optimizer takes
/// <see cref="BlockSteps"/> full steps, then <see cref="BlockSteps"/> optimizer-only steps, in an
/// order that rotates from round to round.
/// </summary>
/// <param name="Optimizers">
/// Catalogue names, optionally with hyperparameters after colons (<c>enhanced-sgd:noise_eta=0:clip=none</c>);
/// the first is the baseline the ratios divide by.
/// </param>
/// <param name="JsonPath">Where to write every figure as JSON (null: print only).</param>
/// <param name="Smoke">A run sized only to show that the benchmark works: its figures mean nothing.</param>
public sealed record OptimizerCostOptions(
    IReadOnlyList<int> Threads, int Rounds, int WarmupRounds, int BlockSteps, ImageShape Shape, int BatchSize,
    IReadOnlyList<string> Optimizers, string? JsonPath, bool Smoke = false)
{
    public const string Usage =
        "grn-benchmarks optimizer-cost [--threads 1,2] [--rounds 20] [--warmup-rounds 2] [--block 10] [--shape mnist|cifar] [--batch 64]\n" +
        "                              [--optimizers sgd,adam,enhanced-sgd,enhanced-sgd-legacy] [--json FILE] [--smoke]\n" +
        "  --optimizers: catalogue names, hyperparameters after colons (enhanced-sgd:noise_eta=0); the first is the baseline\n" +
        "  --smoke: 2 rounds of 2 steps after 1 warm-up round, to check that it runs (its figures mean nothing)";

    /// <summary>
    /// The block is 10 steps, EnhancedSGD's decision interval K: every block holds exactly one
    /// decision (the step that reads the device and runs the controller), so block means carry
    /// its cost in its true proportion.
    /// </summary>
    public static OptimizerCostOptions Default { get; } =
        new([1, 2], 20, 2, 10, ImageShape.Mnist, 64, ["sgd", "adam", "enhanced-sgd", "enhanced-sgd-legacy"], null);

    /// <summary>Reads the options over <see cref="Default"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static OptimizerCostOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        var smoke = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--smoke")
            {
                smoke = true;
                continue;
            }
            var value = ++i < args.Count ? args[i] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--threads" => options with { Threads = value.Split(',').Select(t => Positive(name, t)).ToList() },
                "--rounds" => options with { Rounds = Positive(name, value) },
                "--warmup-rounds" => options with { WarmupRounds = NonNegative(name, value) },
                "--block" => options with { BlockSteps = Positive(name, value) },
                "--shape" => options with { Shape = Enum.TryParse<ImageShape>(value, ignoreCase: true, out var shape) ? shape : throw new ArgumentException($"--shape is mnist or cifar, not '{value}'") },
                "--batch" => options with { BatchSize = Positive(name, value) },
                "--optimizers" => options with { Optimizers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--json" => options with { JsonPath = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        if (options.Optimizers.Count < 2) throw new ArgumentException("--optimizers needs a baseline and at least one other optimizer");
        if (options.Optimizers.Distinct().Count() != options.Optimizers.Count) throw new ArgumentException("--optimizers names an optimizer twice");
        return smoke ? options with { Rounds = 2, WarmupRounds = 1, BlockSteps = 2, Smoke = true } : options;
    }

    static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'");

    static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{name} must be a whole number >= 0, not '{value}'");
}
