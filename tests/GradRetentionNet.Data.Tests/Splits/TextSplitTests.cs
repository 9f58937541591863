using GradRetentionNet.Data.Splits;
using GradRetentionNet.Data.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Splits;

public sealed class TextSplitTests
{
    static TextSplit Texts(bool deviceResident = false) =>
        new(["ab", "a longer text", "", "xyz"], [1, 0, 1, 0], deviceResident);

    [Fact]
    public void Encoding_pads_with_the_encoders_padding_id_and_masks_the_padding()
    {
        using var encoded = Texts().Encode(new CharacterEncoder(), maxLength: 6);

        using var batch = encoded.Batches(4, CPU).Single();

        batch.Input.shape.Should().Equal(4, 6);
        batch.Input.dtype.Should().Be(ScalarType.Int64);
        batch.AttentionMask!.shape.Should().Equal(4, 6);
        batch.AttentionMask.dtype.Should().Be(ScalarType.Int64);
        batch.Target.data<long>().ToArray().Should().Equal(1, 0, 1, 0);
        // "ab": [CLS] a b [SEP] then padding; "a longer text" is cut to 6; "" is [CLS] [SEP].
        batch.Input[0].data<long>().ToArray().Should().Equal(1, 3 + 'a', 3 + 'b', 2, 0, 0);
        batch.AttentionMask[0].data<long>().ToArray().Should().Equal(1, 1, 1, 1, 0, 0);
        batch.AttentionMask[1].data<long>().ToArray().Should().Equal(1, 1, 1, 1, 1, 1);
        batch.Input[2].data<long>().ToArray().Should().Equal(1, 2, 0, 0, 0, 0);
        encoded.SequenceLength.Should().Be(6);
    }

    [Fact]
    public void A_batch_is_cut_to_its_longest_text()
    {
        using var encoded = Texts().Encode(new CharacterEncoder(), maxLength: 10);

        var batches = encoded.Batches(2, CPU).ToList();

        // "ab" is 4 tokens with [CLS] and [SEP], "a longer text" is cut to 10; "" is 2, "xyz" 5.
        batches.Select(b => b.Input.shape[1]).Should().Equal(10, 5);
        TensorAssert.Same(batches[1].Input, encoded.Ids.narrow(0, 2, 2).narrow(1, 0, 5));
        batches[1].AttentionMask!.data<long>().ToArray().Should().Equal(1, 1, 0, 0, 0, 1, 1, 1, 1, 1);
        batches.ForEach(b => b.Dispose());
    }

    [Fact]
    public void Device_resident_encoded_batches_equal_host_ones()
    {
        using var host = Texts().Encode(new CharacterEncoder(), 8);
        using var resident = Texts(deviceResident: true).Encode(new CharacterEncoder(), 8);

        foreach (var (a, b) in host.Batches(3, CPU, new Generator(1)).Zip(resident.Batches(3, CPU, new Generator(1))))
            using (a)
            using (b)
            {
                TensorAssert.Same(a.Input, b.Input);
                TensorAssert.Same(a.AttentionMask!, b.AttentionMask!);
                TensorAssert.Same(a.Target, b.Target);
            }
    }

    [Fact]
    public void An_encoder_that_ignores_max_length_is_reported()
    {
        var encode = () => Texts().Encode(new OverlongEncoder(), 4);

        encode.Should().Throw<InvalidOperationException>().WithMessage("the encoder returned 5 ids for text 0, more than the 4 asked for");
    }

    sealed class OverlongEncoder : ITextEncoder
    {
        public int VocabularySize => 10;
        public int PaddingId => 0;
        public IReadOnlyList<int> Encode(string text, int maxLength) => [1, 2, 3, 4, 5];
    }
}
