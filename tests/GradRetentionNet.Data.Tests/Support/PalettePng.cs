using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GradRetentionNet.Data.Tests.Support;

/// <summary>
/// Writes 8-bit palette PNGs with chosen indices. ImageSharp's encoder picks palette indices
/// itself, so a test that needs a mask with known indices has to write the chunks.
/// </summary>
public static class PalettePng
{
    /// <summary>The VOC colour map: index i's colour from the bits of i.</summary>
    public static byte[] VocPalette()
    {
        var palette = new byte[256 * 3];
        for (var i = 0; i < 256; i++)
        {
            int r = 0, g = 0, b = 0, c = i;
            for (var j = 0; j < 8; j++, c >>= 3)
            {
                r |= ((c >> 0) & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
            }
            (palette[3 * i], palette[3 * i + 1], palette[3 * i + 2]) = ((byte)r, (byte)g, (byte)b);
        }
        return palette;
    }

    public static void Write(string path, byte[] indices, int width, int height, byte[] palette)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: palette
        Chunk(png, "IHDR", header);
        Chunk(png, "PLTE", palette);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(indices, y * width, width);
            }
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        File.WriteAllBytes(path, png.ToArray());
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
