using System.Globalization;

namespace GradRetentionNet.Sweeps.Tables;

/// <summary>
/// A table as CSV (RFC 4180): a header of column names, one line per row, '\n' line ends, fields
/// quoted only when they hold a comma, a quote or a line break (quotes doubled). Numbers in the
/// invariant culture, round-trippable; +∞ is written "inf" (a missed target), −∞ "-inf" and NaN
/// "nan", the spellings pandas, R and numpy read as such; a missing value is an empty field.
/// </summary>
public static class CsvTableWriter
{
    public static void Write(ExportTable table, TextWriter output)
    {
        output.Write(string.Join(',', table.Columns.Select(c => Quote(c.Name))));
        output.Write('\n');
        for (var row = 0; row < table.RowCount; row++)
        {
            output.Write(string.Join(',', table.Columns.Select(c => Field(c, row))));
            output.Write('\n');
        }
    }

    static string Field(TableColumn column, int row) => column switch
    {
        TextColumn text => text.Values[row] is { } value ? Quote(value) : "",
        IntegerColumn integer => integer.Values[row]?.ToString(CultureInfo.InvariantCulture) ?? "",
        NumberColumn number => number.Values[row] is { } value ? Number(value) : "",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.GetType().Name, "unknown column type"),
    };

    static string Number(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double.NaN => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
}
