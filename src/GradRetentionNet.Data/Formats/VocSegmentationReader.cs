using System.Runtime.ExceptionServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Reads a Pascal VOC 2012 style segmentation set: the ids listed in
/// <c>ImageSets/Segmentation/{split}.txt</c>, each with <c>JPEGImages/{id}.jpg</c> and the
/// palette mask <c>SegmentationClass/{id}.png</c>. Images and masks are resized to a square:
/// images bilinearly, masks by nearest neighbour so that class ids, and 255 = void, are never
/// blended into other values.
/// </summary>
public static class VocSegmentationReader
{
    /// <summary>Classes of VOC 2012 segmentation: background and 20 object classes.</summary>
    public const int Classes = 21;

    /// <summary>The side images and masks are resized to unless asked otherwise (the original's 224).</summary>
    public const int DefaultSize = 224;

    /// <summary>The split list of <paramref name="split"/> under <paramref name="vocRoot"/>.</summary>
    public static string SplitListPath(string vocRoot, string split) =>
        Path.Combine(vocRoot, "ImageSets", "Segmentation", split + ".txt");

    /// <summary>
    /// Reads split <paramref name="split"/> (<c>train</c>, <c>val</c>) of the VOC folder
    /// <paramref name="vocRoot"/> (the one holding <c>JPEGImages</c>), resized to
    /// <paramref name="size"/>. Images are decoded in parallel.
    /// </summary>
    public static SegmentationImages Read(string vocRoot, string split, int size = DefaultSize, int classes = Classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var listPath = SplitListPath(vocRoot, split);
        var entries = ReadSplitList(listPath);
        var files = entries.Select(e => (
            Image: Path.Combine(vocRoot, "JPEGImages", e.Id + ".jpg"),
            Mask: Path.Combine(vocRoot, "SegmentationClass", e.Id + ".png"))).ToList();

        // Missing files first, in list order, so the error names the first one, not a random one.
        for (var i = 0; i < entries.Count; i++)
        {
            if (!File.Exists(files[i].Image))
                throw FormatErrors.In(listPath, $"line {entries[i].Line}", $"the image {files[i].Image} for '{entries[i].Id}'", "no such file");
            if (!File.Exists(files[i].Mask))
                throw FormatErrors.In(listPath, $"line {entries[i].Line}", $"the mask {files[i].Mask} for '{entries[i].Id}'", "no such file");
        }

        var pixels = new byte[(long)entries.Count * 3 * size * size];
        var masks = new byte[(long)entries.Count * size * size];
        try
        {
            Parallel.For(0, entries.Count, i =>
            {
                var image = ReadImage(files[i].Image, size, pixels.AsSpan(i * 3 * size * size, 3 * size * size));
                var mask = ReadMask(files[i].Mask, size, classes, masks.AsSpan(i * size * size, size * size));
                if (image != mask)
                    throw FormatErrors.In(files[i].Mask, "PNG header", $"{image.Width}x{image.Height} pixels, the size of {files[i].Image}", $"{mask.Width}x{mask.Height}");
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return new SegmentationImages(pixels, masks, [.. entries.Select(e => e.Id)], size);
    }

    static List<(string Id, int Line)> ReadSplitList(string listPath)
    {
        var entries = new List<(string, int)>();
        var line = 0;
        foreach (var text in File.ReadLines(listPath))
        {
            line++;
            var id = text.Trim();
            if (id.Length == 0) continue;
            if (id.IndexOfAny([' ', '\t', '/', '\\']) >= 0)
                throw FormatErrors.In(listPath, $"line {line}", "one image id per line", $"'{id}'");
            entries.Add((id, line));
        }
        if (entries.Count == 0)
            throw FormatErrors.In(listPath, "line 1", "at least one image id", "an empty list");
        return entries;
    }

    /// <summary>Decodes, resizes and stores one image channel-major; returns its size before resizing.</summary>
    static (int Width, int Height) ReadImage(string path, int size, Span<byte> chw)
    {
        using (var image = ImageDecoding.LoadRgb(path, "a JPEG image"))
        {
            var original = (image.Width, image.Height);
            image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle }));
            var rgb = new Rgb24[size * size];
            image.CopyPixelDataTo(rgb);
            var plane = size * size;
            for (var p = 0; p < plane; p++)
            {
                chw[p] = rgb[p].R;
                chw[plane + p] = rgb[p].G;
                chw[2 * plane + p] = rgb[p].B;
            }
            return original;
        }
    }

    /// <summary>Reads, resizes and stores one mask's class ids; returns its size before resizing.</summary>
    static (int Width, int Height) ReadMask(string path, int size, int classes, Span<byte> target)
    {
        var (ids, width, height) = SegmentationMaskReader.Read(path, classes);
        using var mask = Image.LoadPixelData<L8>(ids, width, height);
        mask.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(size, size), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.NearestNeighbor }));
        var resized = new L8[size * size];
        mask.CopyPixelDataTo(resized);
        for (var p = 0; p < resized.Length; p++) target[p] = resized[p].PackedValue;
        return (width, height);
    }
}
