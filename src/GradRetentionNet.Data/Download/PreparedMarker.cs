using System.Text.Json;
using GradRetentionNet.Contracts.Files;

namespace GradRetentionNet.Data.Download;

/// <summary>
/// The file written last by a successful prepare. It records which files (names, sizes, checksums) the dataset was
/// built from; a marker that matches the current source and a layout whose paths all exist mean "done, ask nothing".
/// </summary>
internal static class PreparedMarker
{
    public const string FileName = ".prepared.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static bool IsCurrent(string datasetDirectory, DatasetSource source)
    {
        var path = Path.Combine(datasetDirectory, FileName);
        if (!File.Exists(path))
            return false;
        Content? content;
        try
        {
            content = JsonSerializer.Deserialize<Content>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return false;
        }
        return content is not null
            && string.Equals(content.Dataset, source.Name, StringComparison.Ordinal)
            && content.Files.SequenceEqual(Fingerprint(source))
            && source.ExpectedPaths.All(p => Exists(datasetDirectory, p));
    }

    public static void Write(string datasetDirectory, DatasetSource source)
    {
        var path = Path.Combine(datasetDirectory, FileName);
        var content = new Content(source.Name, Fingerprint(source),
            source.Files.SelectMany(f => f.Urls).Select(u => u.ToString()).ToArray(), DateTimeOffset.UtcNow);
        AtomicFile.WriteText(path, JsonSerializer.Serialize(content, Json));
    }

    public static void Delete(string datasetDirectory) => File.Delete(Path.Combine(datasetDirectory, FileName));

    public static bool Exists(string datasetDirectory, string relativePath)
    {
        var path = Path.Combine(datasetDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) || Directory.Exists(path);
    }

    // URLs are left out: the same bytes from a mirror are the same dataset.
    private static string[] Fingerprint(DatasetSource source) =>
        source.Files.Select(f => $"{f.FileName} {f.Size} {f.Checksum}").ToArray();

    private sealed record Content(string Dataset, string[] Files, string[] Sources, DateTimeOffset PreparedUtc);
}
