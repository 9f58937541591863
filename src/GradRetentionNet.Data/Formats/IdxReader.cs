using System.Buffers.Binary;
using System.IO.Compression;

namespace GradRetentionNet.Data.Formats;

/// <summary>An unsigned-byte IDX array: its dimensions (outermost first) and its bytes, row-major.</summary>
public sealed record IdxArray(int[] Dimensions, byte[] Data);

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number
/// (00 00, type 0x08 = unsigned byte, number of dimensions), one big-endian int32 per dimension,
/// then the data. Gzip-compressed files are recognised by their magic bytes (1F 8B), whatever
/// the file is called; byte offsets in errors then count decompressed bytes.
/// </summary>
public static class IdxReader
{
    const byte UnsignedByte = 0x08;

    /// <summary>Reads an image file (3 dimensions: count, rows, columns).</summary>
    public static IdxArray ReadImages(string path) => Read(path, dimensions: 3, "images");

    /// <summary>Reads a label file (1 dimension: count).</summary>
    public static IdxArray ReadLabels(string path) => Read(path, dimensions: 1, "labels");

    /// <summary>
    /// Reads an image file and its label file as one-channel images, checking that both hold
    /// the same number of items and that every label is below <paramref name="classes"/>.
    /// </summary>
    public static LabelledImages ReadLabelledImages(string imagesPath, string labelsPath, int classes = 10)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw FormatErrors.AtOffset(labelsPath, 4, $"{images.Dimensions[0]} labels (one per image in {imagesPath})", labels.Dimensions[0].ToString());
        var result = new LabelledImages(images.Data, labels.Data, 1, images.Dimensions[1], images.Dimensions[2]).Validated();
        var bad = Array.FindIndex(result.Labels, label => label >= classes);
        if (bad >= 0)
            throw FormatErrors.AtOffset(labelsPath, 8 + bad, $"a class id in 0..{classes - 1} (label of item {bad})", result.Labels[bad].ToString());
        return result;
    }

    static IdxArray Read(string path, int dimensions, string what)
    {
        using var file = File.OpenRead(path);
        var compressed = IsGzip(file);
        using var stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var where = compressed ? " (decompressed)" : "";
        try
        {
            return ReadFrom(stream, path, dimensions, what, where);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream's own errors (corrupt deflate data, bad CRC) do not say which file.
            throw FormatErrors.Undecodable(path, "gzip-compressed IDX data", e);
        }
    }

    static IdxArray ReadFrom(Stream stream, string path, int dimensions, string what, string where)
    {
        Span<byte> magic = stackalloc byte[4];
        var got = Fill(stream, magic);
        var expectedMagic = $"the IDX magic number 00 00 08 {dimensions:X2} (unsigned-byte {what}, {dimensions} dimension{(dimensions == 1 ? "" : "s")})";
        if (got < 4)
            throw FormatErrors.AtOffset(path, got, expectedMagic, $"the end of the file after {got} bytes{where}");
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByte || magic[3] != dimensions)
            throw FormatErrors.AtOffset(path, 0, expectedMagic, Convert.ToHexString(magic));

        var header = new byte[4 * dimensions];
        got = Fill(stream, header);
        if (got < header.Length)
            throw FormatErrors.AtOffset(path, 4 + got, $"{dimensions} big-endian int32 dimension sizes{where}", "the end of the file");

        var sizes = new int[dimensions];
        long total = 1;
        for (var i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (sizes[i] <= 0)
                throw FormatErrors.AtOffset(path, 4 + 4 * i, "a positive dimension size", sizes[i].ToString());
            total *= sizes[i];
        }
        var dataOffset = 4 + header.Length;
        if (total > Array.MaxLength)
            throw FormatErrors.AtOffset(path, 4, $"at most {Array.MaxLength} data bytes", $"dimensions {string.Join("x", sizes)}");

        var data = new byte[total];
        got = Fill(stream, data);
        if (got < total)
            throw FormatErrors.AtOffset(path, dataOffset + got,
                $"{total} bytes of {what} data ({string.Join("x", sizes)}) after the {dataOffset}-byte header{where}",
                $"the end of the file after {got} of them (truncated)");
        if (stream.ReadByte() >= 0)
            throw FormatErrors.AtOffset(path, dataOffset + total, $"the end of the file{where}", "more data (the header's dimensions do not cover the file)");
        return new IdxArray(sizes, data);
    }

    /// <summary>True when the file starts with the gzip magic bytes; leaves the position at 0.</summary>
    static bool IsGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        var got = Fill(file, head);
        file.Position = 0;
        return got == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    static int Fill(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
