using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class VocSegmentationReaderTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Reads_palette_indices_at_full_size()
    {
        TinyVoc.Write(temp.Path, count: 2, width: 40, height: 30);

        var (ids, width, height) = SegmentationMaskReader.Read(Path.Combine(temp.Path, "SegmentationClass", "img1.png"), classes: 21);

        (width, height).Should().Be((40, 30));
        ids.Should().Equal(TinyVoc.Mask(1, 40, 30));
    }

    [Fact]
    public void Uses_the_palette_index_not_the_colour()
    {
        // A palette unlike VOC's (entry i is grey i, reversed): colours say nothing of the class.
        var palette = Enumerable.Range(0, 256).SelectMany(i => Enumerable.Repeat((byte)(255 - i), 3)).ToArray();
        TinyVoc.Write(temp.Path, count: 1, palette: palette);

        var (ids, _, _) = SegmentationMaskReader.Read(Path.Combine(temp.Path, "SegmentationClass", "img0.png"), classes: 21);

        ids.Should().Equal(TinyVoc.Mask(0, 40, 30));
    }

    [Fact]
    public void Reads_8_bit_greyscale_masks_as_class_ids()
    {
        var path = temp.File("mask.png");
        using (var image = Image.LoadPixelData<L8>(new byte[] { 0, 3, 255, 20 }, 2, 2))
            image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });

        SegmentationMaskReader.Read(path, classes: 21).Ids.Should().Equal(0, 3, 255, 20);
    }

    [Fact]
    public void Resizes_images_bilinearly_and_masks_by_nearest_neighbour_keeping_void()
    {
        TinyVoc.Write(temp.Path, count: 2, width: 40, height: 30);

        var set = VocSegmentationReader.Read(temp.Path, "train", size: 16);

        set.Ids.Should().Equal("img0", "img1");
        set.Size.Should().Be(16);
        set.Pixels.Length.Should().Be(2 * 3 * 16 * 16);
        set.Masks.Length.Should().Be(2 * 16 * 16);
        // Nearest neighbour: only ids that were in the masks, the void border included.
        set.Masks.Take(256).Distinct().Order().Should().Equal((byte)1, (byte)15, (byte)255);
        set.Masks.Skip(256).Distinct().Order().Should().Equal((byte)2, (byte)15, (byte)255);
        set.Masks[0].Should().Be(255);
        set.Masks[16 * 8 + 3].Should().Be(1);
        set.Masks[16 * 8 + 12].Should().Be(15);
        // Channel-major RGB, rows top to bottom: red grows to the right (x·6), green downwards (y·8),
        // blue is flat (JPEG moves values by a few levels, resizing scales x by 40/16 and y by 30/16).
        byte At(int image, int channel, int x, int y) => set.Pixels[image * 768 + channel * 256 + y * 16 + x];
        (At(0, 0, 15, 8) - At(0, 0, 0, 8)).Should().BeInRange(190, 240);
        (At(0, 1, 8, 15) - At(0, 1, 8, 0)).Should().BeInRange(190, 240);
        Math.Abs(At(0, 2, 15, 15) - At(0, 2, 0, 0)).Should().BeLessThan(25);
    }

    [Fact]
    public void Missing_mask_names_the_list_line_and_mask()
    {
        TinyVoc.Write(temp.Path, count: 2);
        var mask = Path.Combine(temp.Path, "SegmentationClass", "img1.png");
        File.Delete(mask);
        var list = Path.Combine(temp.Path, "ImageSets", "Segmentation", "val.txt");

        var read = () => VocSegmentationReader.Read(temp.Path, "val");

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{list}: line 2: expected the mask {mask} for 'img1', found no such file");
    }

    [Fact]
    public void Mask_with_an_unknown_class_names_the_pixel()
    {
        TinyVoc.Write(temp.Path, count: 1, width: 8, height: 6);
        var mask = Path.Combine(temp.Path, "SegmentationClass", "img0.png");
        var ids = TinyVoc.Mask(0, 8, 6);
        ids[2 * 8 + 5] = 30;
        PalettePng.Write(mask, ids, 8, 6, PalettePng.VocPalette());

        var read = () => VocSegmentationReader.Read(temp.Path, "train", size: 4);

        read.Should().Throw<InvalidDataException>().WithMessage($"{mask}: pixel (x 5, y 2): expected a class id in 0..20 or 255 (void), found 30");
    }

    [Fact]
    public void Mask_of_another_size_than_its_image_is_an_error()
    {
        TinyVoc.Write(temp.Path, count: 1, width: 8, height: 6);
        var mask = Path.Combine(temp.Path, "SegmentationClass", "img0.png");
        PalettePng.Write(mask, new byte[7 * 6], 7, 6, PalettePng.VocPalette());

        var read = () => VocSegmentationReader.Read(temp.Path, "train", size: 4);

        read.Should().Throw<InvalidDataException>().WithMessage($"{mask}: PNG header: expected 8x6 pixels, the size of *img0.jpg, found 7x6");
    }

    [Fact]
    public void Truncated_mask_names_the_file()
    {
        TinyVoc.Write(temp.Path, count: 1, width: 8, height: 6);
        var mask = Path.Combine(temp.Path, "SegmentationClass", "img0.png");
        File.WriteAllBytes(mask, File.ReadAllBytes(mask)[..40]);

        var read = () => VocSegmentationReader.Read(temp.Path, "train", size: 4);

        read.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith(mask + ":");
    }
}
