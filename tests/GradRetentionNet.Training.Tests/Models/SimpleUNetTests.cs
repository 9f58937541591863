using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Models;

public sealed class SimpleUNetTests
{
    [Fact]
    public void Gives_class_logits_for_every_pixel()
    {
        using var model = new SimpleUNet(inputChannels: 3, classes: 21, baseWidth: 8, depth: 4);
        using var logits = model.forward(torch.randn(2, 3, 64, 48));
        logits.shape.Should().Equal(2, 21, 64, 48);
    }

    [Fact]
    public void Parameter_count_follows_the_architecture()
    {
        // Double conv (no conv bias, batch norm with weight and bias): 9·i·o + 9·o·o + 4·o.
        static long DoubleConv(long i, long o) => 9 * i * o + 9 * o * o + 4 * o;
        long expected = 0, channels = 3;
        for (var level = 0; level < 4; level++) { expected += DoubleConv(channels, 32 << level); channels = 32 << level; }
        expected += DoubleConv(channels, 32 << 4);
        for (var level = 3; level >= 0; level--)
        {
            long width = 32 << level;
            expected += 4 * 2 * width * width + width;    // transposed conv 2×2 and its bias
            expected += DoubleConv(2 * width, width);
        }
        expected += 32 * 21 + 21;                          // 1×1 head
        using var model = new SimpleUNet();
        model.parameters().Sum(p => p.numel()).Should().Be(expected);
        expected.Should().BeInRange(7_700_000, 7_900_000);
    }

    [Fact]
    public void Skip_connections_carry_fine_detail_to_the_output()
    {
        // A change in one input pixel must reach the logits at that pixel through the
        // full-resolution skip path, not only through the blurred bottleneck.
        torch.manual_seed(3);
        using var model = new SimpleUNet(3, 4, baseWidth: 8, depth: 3);
        model.eval();
        using var noGrad = torch.no_grad();
        var input = torch.zeros(1, 3, 32, 32);
        var changed = input.clone();
        changed[0, TensorIndex.Colon, 5, 7] = torch.tensor(5f);
        var difference = (model.forward(changed) - model.forward(input)).abs().sum(1)[0];
        difference[5, 7].item<float>().Should().BeGreaterThan(difference[20, 25].item<float>() * 10);
    }

    [Fact]
    public void Rejects_sides_that_do_not_divide()
    {
        using var model = new SimpleUNet(depth: 4);
        var act = () => model.forward(torch.zeros(1, 3, 40, 40));
        act.Should().Throw<ArgumentException>().WithMessage("SimpleUNet of depth 4 needs image sides that are multiples of 16, got 40x40");
    }

    [Fact]
    public void Void_pixels_do_not_count_in_the_loss()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new SegmentationModel(new SimpleUNet(3, 3, baseWidth: 4, depth: 1), 3);
        var target = torch.tensor(new long[] { 0, 1, 255, 2 }).reshape(1, 2, 2);
        var batch = new Batch(torch.zeros(1, 3, 2, 2), target);
        var logits = torch.randn(1, 3, 2, 2);
        var changedAtVoid = logits.clone();
        changedAtVoid[0, TensorIndex.Colon, 1, 0] = torch.tensor(new float[] { 100, -100, 3 });
        model.Loss(changedAtVoid, batch).item<float>().Should().Be(model.Loss(logits, batch).item<float>());
        var changedElsewhere = logits.clone();
        changedElsewhere[0, TensorIndex.Colon, 0, 0] = torch.tensor(new float[] { -100, 100, 3 });
        model.Loss(changedElsewhere, batch).item<float>().Should().NotBe(model.Loss(logits, batch).item<float>());
    }
}
