using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace GradRetentionNet.Silo;

/// <summary>
/// The silo's logs through Serilog, on standard output: compact JSON (one object a line, for the
/// cluster's log collector) or readable lines. Levels come from <c>Serilog:MinimumLevel</c>
/// (<c>Default</c>, and <c>Override:&lt;category prefix&gt;</c>); Orleans, Polly and ASP.NET Core
/// are quiet (Warning) unless overridden there.
/// </summary>
public static class SiloLogging
{
    public const string LevelSection = "Serilog:MinimumLevel";

    /// <summary>Categories that narrate their routine work at Information.</summary>
    static readonly string[] Quiet = ["Orleans", "Polly", "Microsoft.AspNetCore"];

    public static WebApplicationBuilder AddSiloLogging(this WebApplicationBuilder builder, SiloOptions options)
    {
        var json = UseJson(options.LogFormat, Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER"));
        var levels = builder.Configuration.GetSection(LevelSection);
        builder.Services.AddSerilog(logger => Configure(logger, levels, json));
        return builder;
    }

    /// <summary>json or console as configured; unset: json inside a container (the .NET images set DOTNET_RUNNING_IN_CONTAINER=true).</summary>
    internal static bool UseJson(string? configured, string? runningInContainer) => configured?.Trim().ToLowerInvariant() switch
    {
        "json" => true,
        "console" => false,
        null or "" => string.Equals(runningInContainer, "true", StringComparison.OrdinalIgnoreCase),
        _ => throw new SiloConfigurationException($"Silo:LogFormat is '{configured}': use json or console"),
    };

    internal static LoggerConfiguration Configure(LoggerConfiguration logger, IConfigurationSection levels, bool json)
    {
        logger.MinimumLevel.Is(Level(levels["Default"] ?? levels.Value, LogEventLevel.Information, "Default"));
        var overrides = Quiet.ToDictionary(category => category, _ => LogEventLevel.Warning);
        foreach (var entry in levels.GetSection("Override").GetChildren())
            overrides[entry.Key] = Level(entry.Value, LogEventLevel.Information, $"Override:{entry.Key}");
        foreach (var (category, level) in overrides) logger.MinimumLevel.Override(category, level);
        return json
            ? logger.WriteTo.Console(new CompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }

    static LogEventLevel Level(string? text, LogEventLevel unset, string key) =>
        string.IsNullOrWhiteSpace(text) ? unset
        : Enum.TryParse<LogEventLevel>(text, ignoreCase: true, out var level) ? level
        : throw new SiloConfigurationException($"{LevelSection}:{key} is '{text}': use Verbose, Debug, Information, Warning, Error or Fatal");
}
