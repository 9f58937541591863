using Parquet;
using Parquet.Schema;

namespace GradRetentionNet.Sweeps.Tables;

/// <summary>
/// A table as a Parquet file of one row group: text columns as nullable UTF-8 strings, integers
/// as nullable int64, numbers as nullable double (+∞, a missed target, stays +∞; a missing value
/// is null), so pandas, polars, DuckDB and Spark read it typed.
/// </summary>
public static class ParquetTableWriter
{
    /// <param name="output">Writable and seekable.</param>
    public static async Task WriteAsync(ExportTable table, Stream output, CancellationToken cancellation = default)
    {
        var fields = table.Columns.Select(FieldOf).ToList();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellation);
        using var group = writer.CreateRowGroup();
        foreach (var (column, field) in table.Columns.Zip(fields))
        {
            var write = column switch
            {
                TextColumn text => group.WriteAsync(field, text.Values),
                IntegerColumn integer => group.WriteAsync(field, new ReadOnlyMemory<long?>([.. integer.Values]), cancellationToken: cancellation),
                NumberColumn number => group.WriteAsync(field, new ReadOnlyMemory<double?>([.. number.Values]), cancellationToken: cancellation),
                _ => throw new ArgumentOutOfRangeException(nameof(table), column.GetType().Name, "unknown column type"),
            };
            await write;
        }
        group.CompleteValidate();
    }

    static DataField FieldOf(TableColumn column) => column switch
    {
        TextColumn => new DataField<string>(column.Name, nullable: true),
        IntegerColumn => new DataField<long?>(column.Name),
        NumberColumn => new DataField<double?>(column.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.GetType().Name, "unknown column type"),
    };
}
