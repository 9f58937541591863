using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace GradRetentionNet.Data.Tests.Download;

/// <summary>Writers for tiny files in the real formats the datasets are published in.</summary>
internal static class TinyFormats
{
    /// <summary>A gzipped IDX image file (magic 0x00000803, big-endian count/rows/cols, then pixels), as MNIST publishes.</summary>
    public static byte[] IdxImagesGz(int count, int rows, int columns)
    {
        var data = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(data, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), columns);
        for (var i = 16; i < data.Length; i++)
            data[i] = (byte)(i * 37 % 256);
        return Gzip(data);
    }

    /// <summary>A gzipped IDX label file (magic 0x00000801, big-endian count, then one byte per label).</summary>
    public static byte[] IdxLabelsGz(params byte[] labels)
    {
        var data = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), labels.Length);
        labels.CopyTo(data, 8);
        return Gzip(data);
    }

    /// <summary>CIFAR-10 binary records: per image one label byte, then 1,024 red, 1,024 green and 1,024 blue bytes.</summary>
    public static byte[] CifarRecords(int count, int seed)
    {
        const int record = 1 + 3 * 32 * 32;
        var data = new byte[count * record];
        for (var image = 0; image < count; image++)
        {
            data[image * record] = (byte)((seed + image) % 10);
            for (var i = 1; i < record; i++)
                data[image * record + i] = (byte)((seed * 31 + image * 7 + i) % 256);
        }
        return data;
    }

    /// <summary>A tar archive (pax format, optionally gzipped) of files (content) and folders (null content), in the order given.</summary>
    public static byte[] Tar(IEnumerable<(string Name, byte[]? Content)> entries, bool gzip)
    {
        using var archive = new MemoryStream();
        using (Stream output = gzip ? new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true) : archive)
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, name);
                if (content is not null)
                    entry.DataStream = new MemoryStream(content);
                writer.WriteEntry(entry);
            }
        }
        return archive.ToArray();
    }

    /// <summary>A Parquet file with the Hugging Face text-classification columns: <c>text</c> (string) and <c>label</c> (int64).</summary>
    public static byte[] TextParquet(params (string Text, long Label)[] rows)
    {
        using var stream = new MemoryStream();
        ParquetSerializer.SerializeAsync(rows.Select(r => new TextRow { Text = r.Text, Label = r.Label }), stream).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    /// <summary>Reads back a file written by <see cref="TextParquet"/>.</summary>
    public static async Task<IReadOnlyList<(string Text, long Label)>> ReadTextParquetAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var read = await ParquetSerializer.DeserializeAsync<TextRow>(stream);
        return read.Data.Select(r => (r.Text, r.Label)).ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(data);
        return compressed.ToArray();
    }

    /// <summary>One row of a Hugging Face text-classification Parquet file.</summary>
    internal sealed class TextRow
    {
        [JsonPropertyName("text")]
        public string Text { get; set; } = "";

        [JsonPropertyName("label")]
        public long Label { get; set; }
    }
}
