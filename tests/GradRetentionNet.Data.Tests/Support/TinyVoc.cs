using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace GradRetentionNet.Data.Tests.Support;

/// <summary>A small VOC 2012 layout written in a test: JPEG photos, palette masks with chosen indices, split lists.</summary>
public static class TinyVoc
{
    /// <summary>
    /// Writes images <c>img0..</c> of <paramref name="width"/>×<paramref name="height"/> under
    /// <paramref name="root"/>. Mask i: left half class i + 1, right half class 15 (person), a
    /// one-pixel void (255) border all round. Lists both in train.txt and val.txt.
    /// </summary>
    public static void Write(string root, int count = 2, int width = 40, int height = 30, byte[]? palette = null)
    {
        Directory.CreateDirectory(Path.Combine(root, "JPEGImages"));
        Directory.CreateDirectory(Path.Combine(root, "SegmentationClass"));
        Directory.CreateDirectory(Path.Combine(root, "ImageSets", "Segmentation"));
        var ids = Enumerable.Range(0, count).Select(i => $"img{i}").ToList();
        for (var i = 0; i < count; i++)
        {
            using (var image = new Image<Rgb24>(width, height))
            {
                for (var y = 0; y < height; y++)
                    for (var x = 0; x < width; x++)
                        image[x, y] = new Rgb24((byte)(x * 6), (byte)(y * 8), (byte)(40 * i));
                image.SaveAsJpeg(Path.Combine(root, "JPEGImages", ids[i] + ".jpg"));
            }
            PalettePng.Write(Path.Combine(root, "SegmentationClass", ids[i] + ".png"), Mask(i, width, height), width, height,
                palette ?? PalettePng.VocPalette());
        }
        File.WriteAllLines(Path.Combine(root, "ImageSets", "Segmentation", "train.txt"), ids);
        File.WriteAllLines(Path.Combine(root, "ImageSets", "Segmentation", "val.txt"), ids);
    }

    public static byte[] Mask(int index, int width, int height)
    {
        var mask = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                mask[y * width + x] = x == 0 || y == 0 || x == width - 1 || y == height - 1 ? (byte)255
                    : x < width / 2 ? (byte)(index + 1) : (byte)15;
        return mask;
    }
}
