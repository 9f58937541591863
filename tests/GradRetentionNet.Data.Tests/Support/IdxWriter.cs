using System.Buffers.Binary;
using System.IO.Compression;

namespace GradRetentionNet.Data.Tests.Support;

/// <summary>Writes IDX files as the MNIST distribution does (for tests: the project only reads them).</summary>
public static class IdxWriter
{
    public static void Write(string path, byte[] data, int[] dimensions, bool gzip = false)
    {
        using var file = File.Create(path);
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        stream.Write([0, 0, 0x08, (byte)dimensions.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (var d in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, d);
            stream.Write(size);
        }
        stream.Write(data);
    }

    /// <summary>MNIST-style image and label files for <paramref name="count"/> images of 28×28 whose pixels encode their index.</summary>
    public static (byte[] Pixels, byte[] Labels) WriteMnistPair(string imagesPath, string labelsPath, int count, bool gzip, int side = 28)
    {
        var pixels = new byte[count * side * side];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + i / (side * side));
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        Write(imagesPath, pixels, [count, side, side], gzip);
        Write(labelsPath, labels, [count], gzip);
        return (pixels, labels);
    }
}
