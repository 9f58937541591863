namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>Where the cluster keeps the sweeps' grain state ("sweeps") during the run.</summary>
public enum StorageMode
{
    /// <summary>Orleans' in-memory grain storage: the coordinator's own cost, without a database's.</summary>
    Memory,

    /// <summary>A private PostgreSQL 15 server with the project's schema, through Orleans' ADO.NET provider (as grn-silo runs it).</summary>
    Postgres,
}

/// <summary>
/// What one benchmark run measures: <see cref="Jobs"/> jobs of <see cref="MinJobSeconds"/> to
/// <see cref="MaxJobSeconds"/> each on <see cref="Silos"/> silos × <see cref="SlotsPerSilo"/> slots.
/// </summary>
/// <param name="JsonPath">Where to write every figure as JSON (null: print only).</param>
public sealed record BenchmarkOptions(int Jobs, int Silos, int SlotsPerSilo, StorageMode Storage, double MinJobSeconds, double MaxJobSeconds, string? JsonPath)
{
    public const string Usage =
        "grn-orchestration-benchmark [--jobs 10000] [--silos 3] [--slots 8] [--storage memory|postgres] [--min-seconds 0.2] [--max-seconds 0.5] [--json out.json]";

    public static BenchmarkOptions Default { get; } = new(10_000, 3, 8, StorageMode.Memory, 0.2, 0.5, null);

    public int Slots => Silos * SlotsPerSilo;

    public JobLengths Lengths => new(TimeSpan.FromSeconds(MinJobSeconds), TimeSpan.FromSeconds(MaxJobSeconds));

    /// <summary>Reads <c>--name value</c> pairs over <see cref="Default"/>; throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--jobs" => options with { Jobs = Positive(name, value) },
                "--silos" => options with { Silos = Positive(name, value) },
                "--slots" => options with { SlotsPerSilo = Positive(name, value) },
                "--storage" => options with { Storage = Enum.TryParse<StorageMode>(value, ignoreCase: true, out var mode) ? mode : throw new ArgumentException($"--storage is memory or postgres, not '{value}'") },
                "--min-seconds" => options with { MinJobSeconds = Seconds(name, value) },
                "--max-seconds" => options with { MaxJobSeconds = Seconds(name, value) },
                "--json" => options with { JsonPath = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }
        // Two optimizers × seeds: the spec makes an even number of jobs.
        if (options.Jobs % 2 != 0) throw new ArgumentException($"--jobs must be even (two optimizers × seeds), not {options.Jobs}");
        if (options.MinJobSeconds > options.MaxJobSeconds) throw new ArgumentException($"--min-seconds {options.MinJobSeconds} is above --max-seconds {options.MaxJobSeconds}");
        return options;
    }

    static int Positive(string name, string value) =>
        int.TryParse(value, out var number) && number > 0 ? number : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'");

    static double Seconds(string name, string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw new ArgumentException($"{name} must be a positive number of seconds, not '{value}'");
}
