using System.Globalization;
using CsvHelper;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads labelled texts from CSV (RFC 4180, comma-separated, UTF-8) with a header naming a
/// <c>text</c> and a <c>label</c> column (integer class ids). Other columns are ignored, so the
/// Hugging Face / pandas export, which adds a leading index column (<c>,text,label</c>), reads
/// the same as plain <c>text,label</c>. Errors name the data row (1 = the first row after the
/// header) and the line where it starts.
/// </summary>
public static class TextCsvReader
{
    static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        // Never guess the separator: review texts are full of ';' and '|'.
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static LabelledTexts Read(string path)
    {
        using var csv = CsvReader.FromFile(path, Options);
        try
        {
            return ReadRows(csv, path);
        }
        catch (CsvFormatException e)
        {
            // Unbalanced quotes, ragged rows: CsvHelper knows where, but not which file.
            throw FormatErrors.In(path, $"record {e.RecordNumber} (line {e.LineNumber}, byte offset {e.ByteOffset})",
                "well-formed CSV", e.Message.ReplaceLineEndings(" "));
        }
    }

    static LabelledTexts ReadRows(CsvReader csv, string path)
    {
        var header = csv.Headers;
        if (!csv.TryGetFieldIndex("text", out var textColumn) | !csv.TryGetFieldIndex("label", out var labelColumn))
            throw FormatErrors.In(path, "header (line 1)", "the columns 'text' and 'label'",
                header.Count == 0 ? "an empty file" : $"'{string.Join(",", header)}'");

        var texts = new List<string>();
        var labels = new List<int>();
        while (csv.Read())
        {
            var text = csv.GetString(textColumn) ?? "";
            var label = csv.GetString(labelColumn) ?? "";
            if (!int.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id < 0)
                throw FormatErrors.In(path, $"data row {csv.RowNumber} (line {csv.LineNumber})", "a non-negative integer label", $"'{label}'");
            texts.Add(text);
            labels.Add(id);
        }
        return new LabelledTexts(texts, labels);
    }
}
