using GradRetentionNet.Training.Explain;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Models;

/// <summary>
/// The original project's SimpleCNN: two 3×3 conv (pad 1) + ReLU + 2×2 max-pool stages, then a
/// 128-unit hidden layer and a linear classifier. 421,642 parameters for 1×28×28 input,
/// 545,098 for 3×32×32.
/// </summary>
public sealed class SimpleCnn : nn.Module<Tensor, Tensor>, IGradCamModel
{
    readonly Conv2d conv1;
    readonly Conv2d conv2;
    readonly Linear hidden;
    readonly Linear classifier;

    /// <param name="inputChannels">1 for MNIST-shaped images, 3 for CIFAR-shaped ones.</param>
    /// <param name="imageSize">Side of the square input: 28 or 32 (any multiple of 4 works).</param>
    /// <param name="classes">Number of output classes.</param>
    public SimpleCnn(int inputChannels, int imageSize, int classes = 10) : base(nameof(SimpleCnn))
    {
        if (inputChannels <= 0) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "must be positive");
        if (imageSize <= 0 || imageSize % 4 != 0) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "must be a positive multiple of 4");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "needs at least 2 classes");

        var pooledSide = imageSize / 4;
        conv1 = nn.Conv2d(inputChannels, 32, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, kernel_size: 3, padding: 1);
        hidden = nn.Linear(64 * pooledSide * pooledSide, 128);
        classifier = nn.Linear(128, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => ForwardWithActivations(input).Logits;

    /// <summary>Logits, and the last convolution's activations (after ReLU, before pooling) for Grad-CAM.</summary>
    public (Tensor Activations, Tensor Logits) ForwardWithActivations(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.max_pool2d(nn.functional.relu(conv1.forward(input)), 2);
        var activations = nn.functional.relu(conv2.forward(x));
        x = nn.functional.max_pool2d(activations, 2);
        x = nn.functional.relu(hidden.forward(x.flatten(1)));
        var logits = classifier.forward(x);
        return (activations.MoveToOuterDisposeScope(), logits.MoveToOuterDisposeScope());
    }
}
