using System.Text.Json;
using System.Text.Json.Serialization;

namespace GradRetentionNet.Training.Jobs;

/// <summary>The JSON form of results and checkpoints: snake_case, enums as text, NaN allowed (diverged losses).</summary>
public static class JobJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(JobResult result) => JsonSerializer.Serialize(result, Options);

    public static JobResult Deserialize(string json) =>
        JsonSerializer.Deserialize<JobResult>(json, Options) ?? throw new InvalidDataException("result JSON is empty");
}
