using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Data.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Splits;

public sealed class ImageSplitTests
{
    static readonly ImageNormalization TwoChannels = new("test", [0.25f, 0.5f], [0.5f, 0.125f]);

    /// <summary>10 images of 2×3×3; image i has pixel bytes 10·i + position and label i mod 4.</summary>
    static LabelledImages Images(int count = 10)
    {
        var pixels = new byte[count * 18];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(10 * (i / 18) + i % 18);
        return new LabelledImages(pixels, [.. Enumerable.Range(0, count).Select(i => (byte)(i % 4))], 2, 3, 3);
    }

    [Fact]
    public void Batches_have_the_documented_shapes_and_types_and_a_smaller_last_batch()
    {
        using var split = ImageSplit.From(Images(), TwoChannels);

        var batches = split.Batches(4, CPU).ToList();

        batches.Select(b => b.Size).Should().Equal(4, 4, 2);
        batches[0].Input.shape.Should().Equal(4, 2, 3, 3);
        batches[0].Input.dtype.Should().Be(ScalarType.Float32);
        batches[0].Target.shape.Should().Equal(4);
        batches[0].Target.dtype.Should().Be(ScalarType.Int64);
        batches[0].AttentionMask.Should().BeNull();
        split.InputShape.Should().Equal(2, 3, 3);
        foreach (var batch in batches) batch.Dispose();
    }

    [Fact]
    public void Inputs_are_normalised_per_channel()
    {
        using var split = ImageSplit.From(Images(), TwoChannels);

        using var batch = split.Batches(10, CPU).Single();

        var input = batch.Input.data<float>().ToArray();
        for (var i = 0; i < input.Length; i++)
        {
            var channel = i / 9 % 2;
            var expected = ((10 * (i / 18) + i % 18) / 255f - TwoChannels.Mean[channel]) / TwoChannels.Std[channel];
            input[i].Should().BeApproximately(expected, 1e-5f, $"element {i}");
        }
        batch.Target.data<long>().ToArray().Should().Equal(0, 1, 2, 3, 0, 1, 2, 3, 0, 1);
    }

    [Fact]
    public void Same_shuffle_seed_gives_the_same_order_and_covers_every_example_once()
    {
        using var split = ImageSplit.From(Images(), TwoChannels);

        var first = FirstPixels(split, new Generator(7));
        var again = FirstPixels(split, new Generator(7));
        var other = FirstPixels(split, new Generator(8));

        first.Should().Equal(again);
        first.Should().NotEqual(other);
        first.Order().Should().Equal(Enumerable.Range(0, 10));
        FirstPixels(split, null).Should().Equal(Enumerable.Range(0, 10));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Device_resident_batches_equal_host_batches(bool shuffle)
    {
        using var host = ImageSplit.From(Images(), TwoChannels, deviceResident: false);
        using var resident = ImageSplit.From(Images(), TwoChannels, deviceResident: true);

        var hostBatches = host.Batches(3, CPU, shuffle ? new Generator(3) : null).ToList();
        var residentBatches = resident.Batches(3, CPU, shuffle ? new Generator(3) : null).ToList();

        resident.DeviceResident.Should().BeTrue();
        residentBatches.Should().HaveSameCount(hostBatches);
        foreach (var (a, b) in hostBatches.Zip(residentBatches))
        {
            TensorAssert.Same(a.Input, b.Input);
            TensorAssert.Same(a.Target, b.Target);
            a.Dispose();
            b.Dispose();
        }
    }

    [Fact]
    public void A_device_resident_split_is_copied_to_the_device_once()
    {
        using var split = ImageSplit.From(Images(), TwoChannels, deviceResident: true);

        for (var epoch = 0; epoch < 3; epoch++)
            foreach (var batch in split.Batches(4, CPU, new Generator((ulong)epoch)))
                batch.Dispose();

        split.DeviceCopies.Should().Be(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_batch_never_shares_memory_with_the_split(bool deviceResident)
    {
        using var split = ImageSplit.From(Images(), TwoChannels, deviceResident);

        foreach (var batch in split.Batches(4, CPU))
            using (batch)
                batch.Target.fill_(99);

        split.Labels.data<long>().ToArray().Should().Equal(0, 1, 2, 3, 0, 1, 2, 3, 0, 1);
    }

    [Fact]
    public void Subset_keeps_the_chosen_examples_in_stored_order()
    {
        var subset = SeededSubset.Indices(10, 4, seed: 5)!;
        using var split = ImageSplit.From(Images(), TwoChannels, subset: subset);

        split.Count.Should().Be(4);
        FirstPixels(split, null).Should().Equal(subset.Select(i => (int)i));
    }

    [Fact]
    public void Segmentation_batches_carry_int64_masks_with_void_kept()
    {
        var masks = new byte[2 * 2 * 2];
        masks[0] = 255;
        masks[5] = 20;
        using var split = new SegmentationSplit(zeros(2, 3, 2, 2, dtype: ScalarType.Byte), tensor(masks, [2, 2, 2], ScalarType.Byte), ImageNormalization.ImageNet);

        using var batch = split.Batches(2, CPU).Single();

        batch.Input.shape.Should().Equal(2, 3, 2, 2);
        batch.Input.dtype.Should().Be(ScalarType.Float32);
        batch.Target.shape.Should().Equal(2, 2, 2);
        batch.Target.dtype.Should().Be(ScalarType.Int64);
        batch.Target.data<long>().ToArray().Should().Equal(255, 0, 0, 0, 0, 20, 0, 0);
        batch.Input[0, 0, 0, 0].item<float>().Should().BeApproximately(-0.485f / 0.229f, 1e-5f);
    }

    [Fact]
    public void Batch_size_must_be_positive()
    {
        using var split = ImageSplit.From(Images(), TwoChannels);

        var batches = () => split.Batches(0, CPU);

        batches.Should().Throw<ArgumentOutOfRangeException>();
    }

    /// <summary>The first pixel byte of each image in batch order, i.e. 10 × its stored index.</summary>
    static List<int> FirstPixels(ImageSplit split, Generator? shuffle)
    {
        var result = new List<int>();
        foreach (var batch in split.Batches(3, CPU, shuffle))
            using (batch)
            {
                var firsts = batch.Input[.., 0, 0, 0].mul(TwoChannels.Std[0]).add(TwoChannels.Mean[0]).mul(255);
                result.AddRange(firsts.data<float>().ToArray().Select(v => (int)Math.Round(v / 10)));
            }
        shuffle?.Dispose();
        return result;
    }
}
