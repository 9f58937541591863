using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// The project's one JSON form — result files, checkpoints, aggregates and every HTTP API body:
/// snake_case names, enums as lower-case text, NaN allowed (diverged losses).
/// </summary>
public static class JobJson
{
    static readonly JsonNamingPolicy EnumNaming = JsonNamingPolicy.SnakeCaseLower;

    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Sets the project's naming, enum and number rules on <paramref name="options"/> (e.g. ASP.NET Core's, for the HTTP API).</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new JsonStringEnumConverter(EnumNaming));
        return options;
    }

    public static string Serialize(JobResult result) => JsonSerializer.Serialize(result, Options);

    public static JobResult Deserialize(string json) =>
        JsonSerializer.Deserialize<JobResult>(json, Options) ?? throw new InvalidDataException("result JSON is empty");

    /// <summary>An enum value as the JSON writes it (e.g. <c>JobState.Completed</c> → <c>completed</c>).</summary>
    public static string EnumText<T>(T value) where T : struct, Enum => EnumNaming.ConvertName(value.ToString());
}
