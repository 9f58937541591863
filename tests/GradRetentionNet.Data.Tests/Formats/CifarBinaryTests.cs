using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class CifarBinaryTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static LabelledImages RandomImages(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * CifarBinaryFormat.ImageBytes];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(10)).ToArray();
        return new LabelledImages(pixels, labels, 3, 32, 32);
    }

    [Fact]
    public void Writer_and_reader_round_trip()
    {
        var images = RandomImages(7, seed: 1);
        var path = temp.File("data_batch_1.bin");

        CifarBinaryWriter.Write(path, images);
        var read = CifarBinaryReader.Read(path);

        new FileInfo(path).Length.Should().Be(7 * 3073);
        read.Labels.Should().Equal(images.Labels);
        read.Pixels.Should().Equal(images.Pixels);
        (read.Channels, read.Height, read.Width).Should().Be((3, 32, 32));
    }

    [Fact]
    public void Records_are_label_then_red_green_blue_planes()
    {
        var pixels = new byte[2 * 3072];
        for (var i = 0; i < 2; i++)
        {
            Array.Fill(pixels, (byte)(10 * i + 1), i * 3072, 1024);
            Array.Fill(pixels, (byte)(10 * i + 2), i * 3072 + 1024, 1024);
            Array.Fill(pixels, (byte)(10 * i + 3), i * 3072 + 2048, 1024);
        }
        var path = temp.File("batch.bin");

        CifarBinaryWriter.Write(path, new LabelledImages(pixels, [7, 9], 3, 32, 32));
        var bytes = File.ReadAllBytes(path);

        (bytes[0], bytes[1], bytes[1024], bytes[1025], bytes[2049], bytes[3072]).Should().Be(((byte)7, (byte)1, (byte)1, (byte)2, (byte)3, (byte)3));
        (bytes[3073], bytes[3074], bytes[3073 + 1025], bytes[3073 + 2049]).Should().Be(((byte)9, (byte)11, (byte)12, (byte)13));
    }

    [Fact]
    public void Reads_several_batches_in_order()
    {
        var first = RandomImages(3, seed: 2);
        var second = RandomImages(2, seed: 3);
        CifarBinaryWriter.Write(temp.File("a.bin"), first);
        CifarBinaryWriter.Write(temp.File("b.bin"), second);

        var all = CifarBinaryReader.ReadAll([temp.File("a.bin"), temp.File("b.bin")]);

        all.Labels.Should().Equal(first.Labels.Concat(second.Labels));
        all.Pixels.Should().Equal(first.Pixels.Concat(second.Pixels));
    }

    [Fact]
    public void Size_not_a_multiple_of_a_record_names_the_file_and_offset()
    {
        var path = temp.File("test_batch.bin");
        File.WriteAllBytes(path, new byte[2 * 3073 + 100]);

        var read = () => CifarBinaryReader.Read(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: at byte offset 6146: expected whole 3073-byte records*found 100 bytes left over after 2 records*");
    }

    [Fact]
    public void Label_byte_above_nine_names_the_record()
    {
        var images = RandomImages(3, seed: 4);
        var path = temp.File("batch.bin");
        CifarBinaryWriter.Write(path, images);
        var bytes = File.ReadAllBytes(path);
        bytes[2 * 3073] = 10;
        File.WriteAllBytes(path, bytes);

        var read = () => CifarBinaryReader.Read(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: at byte offset 6146: expected a label byte 0..9 starting record 2, found 10");
    }
}
