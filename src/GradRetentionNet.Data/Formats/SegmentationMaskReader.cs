using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads a segmentation mask PNG as one class id per pixel: the palette INDEX of each pixel for
/// palette PNGs (VOC's <c>SegmentationClass</c>), the grey value for 8-bit greyscale PNGs.
/// The RGB colours of a palette mask are only a picture of the classes and are never used.
/// </summary>
public static class SegmentationMaskReader
{
    /// <summary>Void label: pixels on object borders and unlabelled regions, ignored in loss and metrics.</summary>
    public const byte Void = 255;

    /// <summary>
    /// Reads <paramref name="path"/>; returns its class ids row by row and its size. Every id must be
    /// below <paramref name="classes"/> or be <see cref="Void"/>.
    /// </summary>
    public static (byte[] Ids, int Width, int Height) Read(string path, int classes)
    {
        var bytes = File.ReadAllBytes(path);
        using (var image = ImageDecoding.LoadRgb(path, "a PNG mask"))
        {
            var colours = new Rgb24[image.Width * image.Height];
            image.CopyPixelDataTo(colours);
            var png = image.Metadata.GetPngMetadata();
            var ids = (png.ColorType, png.BitDepth) switch
            {
                (PngColorType.Palette, _) => PaletteIndices(colours, PngPalette.Read(bytes, path), image.Width, path),
                (PngColorType.Grayscale, PngBitDepth.Bit8) => [.. colours.Select(c => c.R)],
                _ => throw FormatErrors.In(path, "PNG header", "a palette or 8-bit greyscale mask", $"colour type {png.ColorType}, {png.BitDepth}"),
            };

            var bad = Array.FindIndex(ids, id => id >= classes && id != Void);
            if (bad >= 0)
                throw FormatErrors.In(path, $"pixel (x {bad % image.Width}, y {bad / image.Width})",
                    $"a class id in 0..{classes - 1} or {Void} (void)", ids[bad].ToString());
            return (ids, image.Width, image.Height);
        }
    }

    static byte[] PaletteIndices(Rgb24[] colours, PngPalette palette, int width, string path)
    {
        var ids = new byte[colours.Length];
        for (var i = 0; i < colours.Length; i++)
        {
            var c = colours[i];
            var index = palette.IndexOf(c.R, c.G, c.B);
            if (index < 0)
                throw FormatErrors.In(path, $"pixel (x {i % width}, y {i / width})",
                    "a colour that exactly one palette entry has", $"({c.R}, {c.G}, {c.B})");
            ids[i] = (byte)index;
        }
        return ids;
    }
}
