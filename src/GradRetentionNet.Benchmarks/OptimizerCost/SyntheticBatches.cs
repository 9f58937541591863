using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>
/// A fixed set of random image batches with random labels. A step costs the same whatever the
/// pixel values, and several batches (not one, repeated) keep the models from fitting their data
/// within the run, so gradients keep an ordinary size instead of shrinking towards denormals.
/// </summary>
internal sealed class SyntheticBatches : IDisposable
{
    const int Count = 16;

    readonly (Tensor Input, Tensor Target)[] batches;

    public SyntheticBatches(ImageShape shape, int batchSize, long seed)
    {
        var (channels, side) = Dimensions(shape);
        using var generator = new Generator(unchecked((ulong)seed));
        batches = Enumerable.Range(0, Count)
            .Select(_ => (torch.randn(batchSize, channels, side, side, generator: generator),
                          torch.randint(0, 10, batchSize, generator: generator)))
            .ToArray();
    }

    public (Tensor Input, Tensor Target) this[long step] => batches[step % Count];

    public static (int Channels, int Side) Dimensions(ImageShape shape) => shape == ImageShape.Cifar ? (3, 32) : (1, 28);

    public void Dispose()
    {
        foreach (var (input, target) in batches)
        {
            input.Dispose();
            target.Dispose();
        }
    }
}
