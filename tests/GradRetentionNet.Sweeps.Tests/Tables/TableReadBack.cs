using System.Text.Json;
using CsvHelper;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Tables;
using Parquet;
using Parquet.Schema;

namespace GradRetentionNet.Sweeps.Tests.Tables;

/// <summary>
/// Reads exported tables back with readers that are not the writers' own (CsvHelper, System.Text.Json,
/// Parquet.Net's reader) into one shape: column names, and per row each column's value as text,
/// long or double (null for a missing value), so a test compares all three formats with one table.
/// </summary>
static class TableReadBack
{
    public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
    {
        public object? this[int row, string column] => Rows[row][Columns.ToList().IndexOf(column)];
    }

    /// <summary>Every field as text, an empty field as null (CSV has no types to read back).</summary>
    public static Table Csv(string text)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        using var reader = CsvReader.FromText(text, options);
        var columns = reader.Headers.ToList();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read())
            rows.Add(columns.Select((_, i) => reader.GetString(i) is { Length: > 0 } field ? field : (object?)null).ToList());
        return new(columns, rows);
    }

    /// <summary>Strings as text, whole numbers as long, other numbers (and the named literals) as double.</summary>
    public static Table Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        var objects = document.RootElement.EnumerateArray().ToList();
        var columns = objects.Count == 0 ? [] : objects[0].EnumerateObject().Select(p => p.Name).ToList();
        var rows = objects.Select(o => (IReadOnlyList<object?>)o.EnumerateObject().Select(p => Value(p.Value)).ToList()).ToList();
        return new(columns, rows);

        static object? Value(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when value.GetString() is "Infinity" or "-Infinity" or "NaN" => value.Deserialize<double>(JobJson.Options),
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetInt64(out var integer) && !value.GetRawText().Contains('.') => integer,
            JsonValueKind.Number => value.GetDouble(),
            _ => throw new InvalidDataException($"unexpected JSON value {value}"),
        };
    }

    /// <summary>Every row group, by the schema's own field types.</summary>
    public static async Task<Table> Parquet(Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var columns = fields.Select(f => new List<object?>()).ToList();
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rows = reader.OpenRowGroupReader(group);
            var count = checked((int)rows.RowCount);
            for (var i = 0; i < fields.Length; i++)
                columns[i].AddRange(await Read(rows, fields[i], count));
        }
        var rowCount = columns.Count == 0 ? 0 : columns[0].Count;
        return new(fields.Select(f => f.Name).ToList(),
            Enumerable.Range(0, rowCount).Select(r => (IReadOnlyList<object?>)columns.Select(c => c[r]).ToList()).ToList());
    }

    /// <summary>The type of each column, by name: string (UTF-8 text), int64 or double, as pandas or DuckDB would see it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ParquetTypes(Stream stream)
    {
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.Schema.GetDataFields().ToDictionary(f => f.Name, f => f.ClrType switch
        {
            var t when t == typeof(long) => "int64",
            var t when t == typeof(double) => "double",
            // Parquet.Net 6 reports UTF-8 string columns as ReadOnlyMemory<char>.
            var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => "string",
            var t => t.Name,
        });
    }

    static async Task<IEnumerable<object?>> Read(ParquetRowGroupReader rows, DataField field, int count)
    {
        if (field.ClrType == typeof(long))
        {
            var values = new long?[count];
            await rows.ReadAsync(field, values.AsMemory());
            return values.Select(v => (object?)v);
        }
        if (field.ClrType == typeof(double))
        {
            var values = new double?[count];
            await rows.ReadAsync(field, values.AsMemory());
            return values.Select(v => (object?)v);
        }
        var texts = new string?[count];
        await rows.ReadAsync(field, texts.AsMemory());
        return texts;
    }
}
