using GradRetentionNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Models;

public sealed class SimpleCnnTests
{
    [Theory]
    [InlineData(1, 28, 421_642)]
    [InlineData(3, 32, 545_098)]
    public void Parameter_count_matches_the_original(int channels, int side, long expected)
    {
        using var model = new SimpleCnn(channels, side);
        model.parameters().Sum(p => p.numel()).Should().Be(expected);
    }

    [Fact]
    public void Forward_gives_one_logit_row_per_image()
    {
        using var model = new SimpleCnn(3, 32);
        using var input = torch.zeros(5, 3, 32, 32);
        using var logits = model.forward(input);
        logits.shape.Should().Equal(5, 10);
    }
}
