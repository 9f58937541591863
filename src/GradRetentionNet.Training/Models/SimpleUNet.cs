using GradRetentionNet.Training.Explain;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Models;

/// <summary>
/// A U-Net (Ronneberger et al. 2015) for semantic segmentation: an encoder of double-conv blocks
/// with max-pool down-sampling, a bottleneck, a decoder with transposed-conv up-sampling whose
/// inputs are concatenated with the encoder's features at the same scale (skip connections),
/// and a 1×1 head. The original project called FCN-ResNet50 "SimpleUNet"; this one is a U-Net.
/// </summary>
public sealed class SimpleUNet : nn.Module<Tensor, Tensor>, IGradCamModel
{
    readonly ModuleList<DoubleConv> encoder = new();
    readonly DoubleConv bottleneck;
    readonly ModuleList<ConvTranspose2d> upsamplers = new();
    readonly ModuleList<DoubleConv> decoder = new();
    readonly Conv2d head;

    /// <param name="inputChannels">Channels of the input image.</param>
    /// <param name="classes">Output classes (VOC: 21, void excluded).</param>
    /// <param name="baseWidth">Channels of the first level; each level doubles them.</param>
    /// <param name="depth">Down-sampling steps: inputs must be multiples of 2^depth on each side.</param>
    public SimpleUNet(int inputChannels = 3, int classes = 21, int baseWidth = 32, int depth = 4) : base(nameof(SimpleUNet))
    {
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "must be positive");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "needs at least 2 classes");
        if (baseWidth <= 0) throw new ArgumentOutOfRangeException(nameof(baseWidth), baseWidth, "must be positive");
        if (depth is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(depth), depth, "must be between 1 and 6");

        Depth = depth;
        var channels = inputChannels;
        for (var level = 0; level < depth; level++)
        {
            var width = baseWidth << level;
            encoder.Add(new DoubleConv(channels, width));
            channels = width;
        }
        bottleneck = new DoubleConv(channels, baseWidth << depth);
        for (var level = depth - 1; level >= 0; level--)
        {
            var width = baseWidth << level;
            upsamplers.Add(nn.ConvTranspose2d(width * 2, width, kernel_size: 2, stride: 2));
            decoder.Add(new DoubleConv(width * 2, width));
        }
        head = nn.Conv2d(baseWidth, classes, kernel_size: 1);
        RegisterComponents();
    }

    /// <summary>Down-sampling steps; input sides must be multiples of 2^Depth.</summary>
    public int Depth { get; }

    public override Tensor forward(Tensor input) => ForwardWithActivations(input).Logits;

    /// <summary>Logits, and the last decoder block's full-resolution activations for Grad-CAM.</summary>
    public (Tensor Activations, Tensor Logits) ForwardWithActivations(Tensor input)
    {
        var (height, width) = (input.shape[^2], input.shape[^1]);
        var multiple = 1L << Depth;
        if (height % multiple != 0 || width % multiple != 0)
            throw new ArgumentException($"SimpleUNet of depth {Depth} needs image sides that are multiples of {multiple}, got {height}x{width}");

        using var scope = NewDisposeScope();
        var skips = new List<Tensor>();
        var x = input;
        foreach (var block in encoder)
        {
            x = block.forward(x);
            skips.Add(x);
            x = nn.functional.max_pool2d(x, 2);
        }
        x = bottleneck.forward(x);
        for (var i = 0; i < decoder.Count; i++)
        {
            x = upsamplers[i].forward(x);
            x = decoder[i].forward(torch.cat([skips[^(i + 1)], x], dim: 1));
        }
        return (x.MoveToOuterDisposeScope(), head.forward(x).MoveToOuterDisposeScope());
    }

    /// <summary>(conv 3×3 → batch norm → ReLU) twice, keeping the spatial size.</summary>
    sealed class DoubleConv : nn.Module<Tensor, Tensor>
    {
        readonly Sequential layers;

        public DoubleConv(int input, int output) : base(nameof(DoubleConv))
        {
            layers = nn.Sequential(
                nn.Conv2d(input, output, kernel_size: 3, padding: 1, bias: false), nn.BatchNorm2d(output), nn.ReLU(),
                nn.Conv2d(output, output, kernel_size: 3, padding: 1, bias: false), nn.BatchNorm2d(output), nn.ReLU());
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => layers.forward(input);
    }
}
