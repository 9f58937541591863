using System.Text;
using GradRetentionNet.Contracts.Files;

namespace GradRetentionNet.Sweeps.Tables;

/// <summary>Writes tables into a folder, one file per table named after it (verdicts.csv, cells.parquet, …), each replaced whole.</summary>
public static class TableFiles
{
    /// <returns>The paths written, in the tables' order.</returns>
    public static async Task<IReadOnlyList<string>> WriteAsync(IEnumerable<ExportTable> tables, string folder, TableFormat format,
        CancellationToken cancellation = default)
    {
        var paths = new List<string>();
        foreach (var table in tables)
        {
            var path = Path.Combine(folder, $"{table.Name}.{format.Extension()}");
            AtomicFile.WriteBytes(path, await BytesOf(table, format, cancellation));
            paths.Add(path);
        }
        return paths;
    }

    static async Task<byte[]> BytesOf(ExportTable table, TableFormat format, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        switch (format)
        {
            case TableFormat.Csv:
                using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
                    CsvTableWriter.Write(table, writer);
                break;
            case TableFormat.Json:
                JsonTableWriter.Write(table, buffer);
                break;
            case TableFormat.Parquet:
                await ParquetTableWriter.WriteAsync(table, buffer, cancellation);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unknown table format");
        }
        return buffer.ToArray();
    }
}
