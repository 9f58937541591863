using GradRetentionNet.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers;

public sealed class GradientStatisticsTests
{
    [Fact]
    public void Matches_the_moments_of_the_concatenated_gradients()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new Generator(3);
        var gradients = new[]
        {
            torch.randn(32, 8, generator: generator) * 0.1 + 0.02,
            torch.randn(8, generator: generator) * 3,
            torch.randn(4, 4, 3, generator: generator) - 1,
        };
        var concatenated = torch.cat(gradients.Select(g => g.reshape(-1)).ToList()).to(ScalarType.Float64);

        var moments = GradientStatistics.Compute(gradients);

        moments.Count.Should().Be(32 * 8 + 8 + 48);
        moments.Mean.item<double>().Should().BeApproximately(concatenated.mean().item<double>(), 1e-6);
        moments.Variance.item<double>().Should().BeApproximately(concatenated.var().item<double>(), 1e-6);
        moments.SumOfSquares.item<double>().Should().BeApproximately(concatenated.square().sum().item<double>(), 1e-4);
    }

    [Fact]
    public void The_CPU_pass_over_float32_memory_agrees_with_libtorch_reductions()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new Generator(5);
        // 1,000 and 37 elements: whole vectors and a remainder.
        var gradients = new[] { torch.randn(40, 25, generator: generator) * 0.01 + 0.003, torch.randn(37, generator: generator) * 2 };
        var onHost = GradientStatistics.Compute(gradients);
        // float64 copies take libtorch's reductions (the path a GPU takes).
        var onDevice = GradientStatistics.Compute(gradients.Select(g => g.to(ScalarType.Float64)).ToList());

        onHost.Count.Should().Be(onDevice.Count);
        onHost.Mean.item<double>().Should().BeApproximately(onDevice.Mean.item<double>(), 1e-12);
        onHost.Variance.item<double>().Should().BeApproximately(onDevice.Variance.item<double>(), 1e-12);
        onHost.TensorSums.data<double>().ToArray().Should().Equal(onDevice.TensorSums.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-10);
        onHost.TensorSumsOfSquares.data<double>().ToArray().Should().Equal(onDevice.TensorSumsOfSquares.data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [Fact]
    public void A_single_element_has_zero_variance()
    {
        using var scope = torch.NewDisposeScope();
        var moments = GradientStatistics.Compute([torch.tensor(new float[] { 2.5f })]);
        moments.Mean.item<double>().Should().Be(2.5);
        moments.Variance.item<double>().Should().Be(0);
    }
}
