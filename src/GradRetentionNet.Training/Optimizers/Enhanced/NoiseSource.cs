using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// Gaussian noise for EnhancedSGD, seeded from the job's seed, on the parameters' device: one
/// counter stream on every device (<see cref="CounterNoise"/>, which the CPU pass also draws from
/// inside its own loop). Its state travels in checkpoints and continues on any device.
/// </summary>
internal abstract class NoiseSource : IDisposable
{
    public static NoiseSource Create(long seed) => new CounterNoise(seed);

    /// <summary>Overwrites <paramref name="target"/> with N(0, std²) samples.</summary>
    public abstract void Fill(Tensor target, double std);

    /// <summary>The state, for checkpoints.</summary>
    public abstract byte[] SaveState();

    /// <summary>Restores what <see cref="SaveState"/> wrote.</summary>
    public abstract void LoadState(byte[] saved);

    public virtual void Dispose()
    {
    }
}
