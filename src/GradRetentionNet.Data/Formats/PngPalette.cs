using System.Buffers.Binary;
using System.Text;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// The PLTE chunk of a palette PNG. ImageSharp 2.x decodes palette PNGs to colours and does not
/// expose the palette or the indices, so the palette is read here (the chunk walk is the whole
/// of it; pixel decoding stays with ImageSharp) and each decoded colour is mapped back to its
/// index. That is exact whenever the palette's colours are distinct, as the VOC colour map's are.
/// </summary>
internal sealed class PngPalette
{
    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Colour (0xRRGGBB) to palette index; -1 for a colour two entries share.</summary>
    readonly Dictionary<int, int> indexOf = new();

    PngPalette(ReadOnlySpan<byte> entries)
    {
        for (var i = 0; i < entries.Length / 3; i++)
        {
            var rgb = entries[3 * i] << 16 | entries[3 * i + 1] << 8 | entries[3 * i + 2];
            indexOf[rgb] = indexOf.ContainsKey(rgb) ? -1 : i;
        }
    }

    /// <summary>Reads the palette of the PNG in <paramref name="png"/> (the whole file).</summary>
    public static PngPalette Read(ReadOnlySpan<byte> png, string path)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw FormatErrors.AtOffset(path, 0, "the PNG signature 89504E470D0A1A0A", Convert.ToHexString(png[..Math.Min(8, png.Length)]));
        var at = Signature.Length;
        while (at + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png[at..]);
            var type = Encoding.ASCII.GetString(png.Slice(at + 4, 4));
            if (length < 0 || at + 12L + length > png.Length)
                throw FormatErrors.AtOffset(path, at, $"a complete '{type}' chunk of {length} bytes", "the end of the file (truncated)");
            if (type == "PLTE")
            {
                if (length == 0 || length % 3 != 0 || length > 768)
                    throw FormatErrors.AtOffset(path, at, "a PLTE chunk of 1 to 256 RGB entries", $"{length} bytes");
                return new PngPalette(png.Slice(at + 8, length));
            }
            if (type is "IDAT" or "IEND") break;
            at += 12 + length;
        }
        throw FormatErrors.AtOffset(path, at, "a PLTE chunk before the image data (a palette PNG)", "none");
    }

    /// <summary>The index of colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>), or -1 when no single entry has it.</summary>
    public int IndexOf(byte r, byte g, byte b) =>
        indexOf.TryGetValue(r << 16 | g << 8 | b, out var index) ? index : -1;
}
