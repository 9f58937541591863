using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads labelled texts from a Parquet file with a string column <c>text</c> and an integer
/// column <c>label</c> (any integer width, nullable or not, as pandas, pyarrow and the Hugging
/// Face hub write them). Rows in errors count from 0 across row groups.
/// </summary>
public static class TextParquetReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    // Parquet.Net is async only; loading a dataset is a one-off, blocking step for the trainer.
    public static LabelledTexts Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static async Task<LabelledTexts> ReadAsync(string path, CancellationToken cancellation = default)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellation);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            if (e is FileNotFoundException or DirectoryNotFoundException) throw;
            throw FormatErrors.Undecodable(path, "a Parquet file", e);
        }

        await using (reader)
        {
            var fields = reader.Schema.GetDataFields();
            var text = fields.FirstOrDefault(f => f.Name == "text");
            var label = fields.FirstOrDefault(f => f.Name == "label");
            if (text is null || label is null || !IsString(text))
                throw FormatErrors.In(path, "schema", "a string column 'text' and an integer column 'label'",
                    $"columns {string.Join(", ", fields.Select(f => $"{f.Name} ({TypeName(f)})"))}");

            var texts = new List<string>();
            var labels = new List<int>();
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rows = reader.OpenRowGroupReader(group);
                var count = checked((int)rows.RowCount);
                var groupTexts = new string?[count];
                await rows.ReadAsync(text, groupTexts.AsMemory(), cancellationToken: cancellation);
                var groupLabels = await ReadIntegers(rows, label, count, path, cancellation);
                for (var i = 0; i < count; i++)
                {
                    var row = texts.Count;
                    if (groupTexts[i] is null)
                        throw FormatErrors.AtRow(path, row, "a text", "null");
                    if (groupLabels[i] is not { } id || id < 0 || id > int.MaxValue)
                        throw FormatErrors.AtRow(path, row, "a non-negative integer label", groupLabels[i]?.ToString() ?? "null");
                    texts.Add(groupTexts[i]!);
                    labels.Add((int)id);
                }
            }
            return new LabelledTexts(texts, labels);
        }
    }

    // Parquet.Net 6 reports UTF-8 string columns as ReadOnlyMemory<char>.
    static bool IsString(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    static string TypeName(DataField field) => IsString(field) ? "String" : field.ClrType.Name;

    static Task<long?[]> ReadIntegers(ParquetRowGroupReader rows, DataField field, int count, string path, CancellationToken cancellation)
    {
        var type = field.ClrType;
        if (type == typeof(long)) return Read<long>(rows, field, count, cancellation);
        if (type == typeof(int)) return Read<int>(rows, field, count, cancellation);
        if (type == typeof(short)) return Read<short>(rows, field, count, cancellation);
        if (type == typeof(sbyte)) return Read<sbyte>(rows, field, count, cancellation);
        if (type == typeof(byte)) return Read<byte>(rows, field, count, cancellation);
        if (type == typeof(ushort)) return Read<ushort>(rows, field, count, cancellation);
        if (type == typeof(uint)) return Read<uint>(rows, field, count, cancellation);
        if (type == typeof(ulong)) return Read<ulong>(rows, field, count, cancellation);
        throw FormatErrors.In(path, "schema", "an integer column 'label'", $"a {TypeName(field)} column");
    }

    static async Task<long?[]> Read<T>(ParquetRowGroupReader rows, DataField field, int count, CancellationToken cancellation)
        where T : struct, IBinaryInteger<T>
    {
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rows.ReadAsync(field, values.AsMemory(), cancellationToken: cancellation);
            return [.. values.Select(v => v is { } x ? long.CreateSaturating(x) : (long?)null)];
        }
        var plain = new T[count];
        await rows.ReadAsync(field, plain.AsMemory(), cancellationToken: cancellation);
        return [.. plain.Select(x => (long?)long.CreateSaturating(x))];
    }
}
