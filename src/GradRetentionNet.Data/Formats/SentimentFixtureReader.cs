using System.Text.Json;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads a labelled-sentence fixture of the npm package <c>sentiment</c> 5.0.2 (e.g.
/// <c>test/fixtures/imdb.json</c>): a JSON array of <c>{"text": ..., "class": 0 | 1}</c>
/// (0 = negative, 1 = positive). The package ends the array with an empty placeholder
/// (<c>{"text": "", "class": null}</c>); items without text and without class are skipped.
/// Errors name the item (0-based) as the row.
/// </summary>
public static class SentimentFixtureReader
{
    sealed record Item(string? Text, int? Class);

    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static LabelledTexts Read(string path)
    {
        Item?[] items;
        try
        {
            using var stream = File.OpenRead(path);
            items = JsonSerializer.Deserialize<Item?[]>(stream, Json) ?? [];
        }
        catch (JsonException e)
        {
            throw FormatErrors.In(path, $"line {e.LineNumber + 1}, byte {e.BytePositionInLine}",
                "a JSON array of {\"text\": string, \"class\": 0 or 1}", e.Message.ReplaceLineEndings(" "));
        }

        var texts = new List<string>();
        var labels = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item is null || (string.IsNullOrEmpty(item.Text) && item.Class is null)) continue;
            if (string.IsNullOrWhiteSpace(item.Text))
                throw FormatErrors.AtRow(path, i, "a non-empty \"text\"", "an empty one");
            if (item.Class is not (0 or 1))
                throw FormatErrors.AtRow(path, i, "\"class\" 0 or 1", item.Class?.ToString() ?? "null");
            texts.Add(item.Text);
            labels.Add(item.Class.Value);
        }
        return new LabelledTexts(texts, labels);
    }
}
