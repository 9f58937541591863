using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace GradRetentionNet.Data.Formats;

/// <summary>Decodes an image file, turning decoder failures into the readers' one-line format error.</summary>
internal static class ImageDecoding
{
    /// <param name="path">The file, named in the error.</param>
    /// <param name="expected">What the file should be (e.g. "a JPEG image"), named in the error.</param>
    public static Image<Rgb24> LoadRgb(string path, string expected)
    {
        try
        {
            return Image.Load<Rgb24>(path);
        }
        catch (Exception e) when (e is ImageFormatException or NotSupportedException)
        {
            throw FormatErrors.Undecodable(path, expected, e);
        }
    }
}
