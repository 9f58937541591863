using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class IdxReaderTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_and_labels_raw_and_gzip(bool gzip)
    {
        var (pixels, labels) = IdxWriter.WriteMnistPair(temp.File("images"), temp.File("labels"), count: 3, gzip, side: 5);

        var images = IdxReader.ReadLabelledImages(temp.File("images"), temp.File("labels"));

        images.Count.Should().Be(3);
        (images.Channels, images.Height, images.Width).Should().Be((1, 5, 5));
        images.Pixels.Should().Equal(pixels);
        images.Labels.Should().Equal(labels);
    }

    [Fact]
    public void Detects_gzip_by_magic_bytes_not_by_file_name()
    {
        // A compressed file without .gz, and a raw file that claims to be .gz.
        IdxWriter.Write(temp.File("labels.idx"), [1, 2, 3], [3], gzip: true);
        IdxWriter.Write(temp.File("labels.gz"), [4, 5], [2], gzip: false);

        IdxReader.ReadLabels(temp.File("labels.idx")).Data.Should().Equal(1, 2, 3);
        IdxReader.ReadLabels(temp.File("labels.gz")).Data.Should().Equal(4, 5);
    }

    [Fact]
    public void Truncated_image_data_names_the_file_and_offset()
    {
        var path = temp.File("train-images-idx3-ubyte");
        IdxWriter.Write(path, new byte[2 * 4 * 4 - 5], [2, 4, 4]);

        var read = () => IdxReader.ReadImages(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: at byte offset {16 + 27}: expected 32 bytes of images data (2x4x4) after the 16-byte header*truncated*");
    }

    [Fact]
    public void Truncated_gzip_file_names_the_file()
    {
        var path = temp.File("t10k-images-idx3-ubyte.gz");
        IdxWriter.Write(path, new byte[50 * 28 * 28].Select((_, i) => (byte)(i * 31)).ToArray(), [50, 28, 28], gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var read = () => IdxReader.ReadImages(path);

        read.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith(path + ":");
    }

    [Fact]
    public void Bad_magic_names_the_file_offset_and_expected_magic()
    {
        var path = temp.File("images");
        File.WriteAllBytes(path, [0x00, 0x00, 0x08, 0x01, 0, 0, 0, 1, 7]);

        var read = () => IdxReader.ReadImages(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: at byte offset 0: expected the IDX magic number 00 00 08 03 (unsigned-byte images, 3 dimensions), found 00000801");
    }

    [Fact]
    public void Extra_bytes_after_the_data_are_an_error()
    {
        var path = temp.File("labels");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3]);

        var read = () => IdxReader.ReadLabels(path);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: at byte offset 10: expected the end of the file*");
    }

    [Fact]
    public void Label_count_must_match_image_count()
    {
        IdxWriter.Write(temp.File("images"), new byte[3 * 4], [3, 2, 2]);
        IdxWriter.Write(temp.File("labels"), [1, 2], [2]);

        var read = () => IdxReader.ReadLabelledImages(temp.File("images"), temp.File("labels"));

        read.Should().Throw<InvalidDataException>().WithMessage($"{temp.File("labels")}: at byte offset 4: expected 3 labels*found 2");
    }

    [Fact]
    public void Label_outside_the_classes_names_its_offset()
    {
        IdxWriter.Write(temp.File("images"), new byte[3 * 4], [3, 2, 2]);
        IdxWriter.Write(temp.File("labels"), [1, 12, 2], [3]);

        var read = () => IdxReader.ReadLabelledImages(temp.File("images"), temp.File("labels"));

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{temp.File("labels")}: at byte offset 9: expected a class id in 0..9 (label of item 1), found 12");
    }
}
