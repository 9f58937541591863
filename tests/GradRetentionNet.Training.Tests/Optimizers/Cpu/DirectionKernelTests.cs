using GradRetentionNet.Training.Optimizers.Cpu;
using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers.Cpu;

public sealed class DirectionKernelTests
{
    // Not a multiple of the 16-element block: the partial last block is covered too.
    const int Elements = 16 * 40 + 7;

    static Tensor Gradient(int elements = Elements)
    {
        var gradient = torch.randn(elements, generator: new Generator(11)) * 0.8f;
        gradient[3] = torch.tensor(float.NaN);
        gradient[5] = torch.tensor(-0f);
        return gradient;
    }

    [Theory]
    [InlineData(0.0, 1.0, float.PositiveInfinity, 1f)]
    [InlineData(0.0125, 1.1, 0.5f, 1f)]
    [InlineData(-0.3, 0.9, 1.2017f, 0.75f)]
    [InlineData(0.0, 2.0, float.PositiveInfinity, 0.5f)]
    public void Without_noise_it_gives_the_bits_and_the_clipped_count_of_the_libtorch_operations(double centre, double scale, float bound, float factor)
    {
        using var scope = torch.NewDisposeScope();
        var gradient = Gradient();

        // EnhancedSGD's libtorch pipeline: centre (a float64 0-dim tensor), scale, count and clip, factor.
        var expected = gradient.clone();
        if (centre != 0) expected.sub_(torch.tensor(centre, dtype: ScalarType.Float64));
        if (scale != 1) expected.mul_(scale);
        var expectedClipped = float.IsPositiveInfinity(bound) ? 0 : expected.abs().gt(bound).sum().item<long>();
        if (!float.IsPositiveInfinity(bound)) expected.clamp_(-bound, bound);
        if (factor != 1) expected.mul_(torch.tensor(factor));

        var direction = torch.empty(Elements);
        var clipped = DirectionKernel.Run(TensorMemory.Floats(gradient), TensorMemory.Floats(direction),
            new DirectionRecipe((float)centre, (float)scale, bound, factor, 0, 0), noiseWord: 0);

        clipped.Should().Be(expectedClipped);
        // Bit for bit, NaN and -0 included (torch.equal would call NaN unequal).
        Bits(direction).Should().Equal(Bits(expected));
    }

    static int[] Bits(Tensor tensor) => tensor.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void Noise_is_the_counter_streams_numbers_times_the_standard_deviation_from_the_given_word()
    {
        using var scope = torch.NewDisposeScope();
        var zeros = torch.zeros(Elements);
        var direction = torch.empty(Elements);
        DirectionKernel.Run(TensorMemory.Floats(zeros), TensorMemory.Floats(direction), new DirectionRecipe(0, 1, float.PositiveInfinity, 1, 0.01f, 99), noiseWord: 24);

        var expected = new float[Elements];
        CounterGaussian.Fill(expected, 0.01f, 99, word: 24);
        direction.data<float>().ToArray().Should().Equal(expected);
    }

    [Fact]
    public void The_direction_must_match_the_gradient_in_length()
    {
        var act = () => DirectionKernel.Run(new float[32], new float[16], new DirectionRecipe(0, 1, float.PositiveInfinity, 1, 0, 0), 0);
        act.Should().Throw<ArgumentException>();
    }
}
