using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// <see cref="CounterGaussian"/>'s stream as libtorch operations, for parameters on an accelerator:
/// the same words (SplitMix64 of key + k·γ) and the same Box–Muller layout, so a tensor gets the
/// same normals on a GPU as on the CPU up to float rounding of ln, sin and cos, and a checkpoint's
/// noise state (the next word) continues on either. libtorch's own generators cannot serve here:
/// TorchSharp 0.107 makes every <c>Generator</c> a CPU one whatever device it is given, and a CPU
/// generator cannot fill a CUDA tensor.
/// </summary>
internal static class CounterGaussianOps
{
    const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary><paramref name="count"/> standard normals (float32, on <paramref name="device"/>) from word <paramref name="word"/> of the stream keyed by <paramref name="key"/>.</summary>
    public static Tensor Normals(long count, ulong key, long word, Device device)
    {
        using var scope = NewDisposeScope();
        var blocks = (count + CounterGaussian.BlockElements - 1) / CounterGaussian.BlockElements;
        // Signed 64-bit tensors wrap on multiplication and addition as SplitMix64's unsigned state does.
        var words = arange(word, word + blocks * CounterGaussian.BlockWords, ScalarType.Int64, device);
        var z = words.mul_(Signed(Gamma)).add_(Signed(key));
        z = Mix(z).view(blocks, CounterGaussian.BlockWords);

        // The top 24 bits give the radius, the low 24 the angle: quadrant (2 bits) and φ (22 bits).
        var u = ShiftRightLogical(z, 40).add_(1).to(ScalarType.Float32).mul_(1.0 / (1 << 24));
        var radius = u.log_().mul_(-2).sqrt_();
        var quadrant = z.bitwise_right_shift(22).bitwise_and_(3).to(ScalarType.Float32);
        var phi = z.bitwise_and(0x3FFFFF).to(ScalarType.Float32).mul_(1.0 / (1 << 22)).sub_(0.5).mul_(Math.PI / 2);
        var theta = quadrant.mul_(Math.PI / 2).add_(phi);
        var normals = cat([radius * theta.cos(), radius * theta.sin()], dim: 1).view(-1).narrow(0, 0, count);
        return normals.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>SplitMix64's output function.</summary>
    static Tensor Mix(Tensor z)
    {
        z = z.bitwise_xor(ShiftRightLogical(z, 30)).mul_(Signed(0xBF58476D1CE4E5B9UL));
        z = z.bitwise_xor(ShiftRightLogical(z, 27)).mul_(Signed(0x94D049BB133111EBUL));
        return z.bitwise_xor(ShiftRightLogical(z, 31));
    }

    /// <summary>z &gt;&gt;&gt; s: libtorch shifts signed integers arithmetically, so the copied sign bits are masked off.</summary>
    static Tensor ShiftRightLogical(Tensor z, int s) => z.bitwise_right_shift(s).bitwise_and_((long)((1UL << (64 - s)) - 1));

    static long Signed(ulong value) => unchecked((long)value);
}
