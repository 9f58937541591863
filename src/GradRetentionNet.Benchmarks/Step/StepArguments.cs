using System.Globalization;

namespace GradRetentionNet.Benchmarks.Step;

/// <summary>
/// What one <c>step</c> run times: the workload, the optimizer, the thread count and how many steps.
/// The same options as <c>bench/pytorch/step.py</c>, so the driver calls both sides alike.
/// </summary>
internal sealed record StepArguments(string Workload, string Optimizer, int Threads, int Batch, int Warmup, int Steps, string Device)
{
    public const string Usage =
        "usage: GradRetentionNet.Benchmarks step --workload mnist|cifar|text --optimizer sgd|adam --threads N " +
        "[--batch 64] [--warmup 5] [--steps 30] [--device cpu|cuda[:N]]";

    /// <summary>Parses <c>--name value</c> pairs; throws <see cref="ArgumentException"/> with a one-line message.</summary>
    public static StepArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        var known = new[] { "workload", "optimizer", "threads", "batch", "warmup", "steps", "device" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"unknown option --{unknown}");

        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Count(string name, int? fallback, int minimum)
        {
            var text = values.TryGetValue(name, out var v) ? v : fallback?.ToString(CultureInfo.InvariantCulture) ?? Required(name);
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
                ? n
                : throw new ArgumentException($"invalid --{name} '{text}': a whole number >= {minimum}");
        }

        var workload = Required("workload");
        if (!StepWorkload.Names.Contains(workload))
            throw new ArgumentException($"unknown workload '{workload}': use {string.Join(", ", StepWorkload.Names)}");
        var optimizer = Required("optimizer");
        if (optimizer is not ("sgd" or "adam"))
            throw new ArgumentException($"unknown optimizer '{optimizer}': use sgd or adam");
        return new StepArguments(workload, optimizer, Count("threads", null, 1), Count("batch", 64, 1), Count("warmup", 5, 0),
            Count("steps", 30, 1), values.GetValueOrDefault("device", "cpu"));
    }
}
