using System.Text;
using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Tables;

/// <summary>
/// A table as a JSON array with one object per row, its properties the column names in column
/// order, values in the project's JSON form (<see cref="JobJson.Options"/>): a missing value is
/// null, and +∞ (a missed target) the named literal "Infinity", as NaN is "NaN" in result files —
/// null would make a target missed read the same as no target at all.
/// </summary>
public static class JsonTableWriter
{
    public static void Write(ExportTable table, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = JobJson.Options.WriteIndented });
        writer.WriteStartArray();
        for (var row = 0; row < table.RowCount; row++)
        {
            writer.WriteStartObject();
            foreach (var column in table.Columns)
            {
                writer.WritePropertyName(column.Name);
                JsonSerializer.Serialize(writer, Value(column, row), JobJson.Options);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public static string Text(ExportTable table)
    {
        using var buffer = new MemoryStream();
        Write(table, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static object? Value(TableColumn column, int row) => column switch
    {
        TextColumn text => text.Values[row],
        IntegerColumn integer => integer.Values[row],
        NumberColumn number => number.Values[row],
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.GetType().Name, "unknown column type"),
    };
}
