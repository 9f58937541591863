using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradRetentionNet.Training.Optimizers.Enhanced.Cpu;

/// <summary>
/// What a step does to one float32 gradient before momentum, as host numbers: subtract
/// <see cref="Centre"/>, multiply by <see cref="Scale"/>, clip to ±<see cref="Bound"/> (counting the
/// elements beyond it), multiply by <see cref="Factor"/>, add <see cref="NoiseStd"/>·N(0, 1).
/// The neutral values (0, 1, +∞, 1, 0) skip their operation.
/// </summary>
internal readonly record struct DirectionRecipe(float Centre, float Scale, float Bound, float Factor, float NoiseStd, ulong NoiseKey);

/// <summary>
/// The recipe in one vectorised pass over a gradient's memory, where libtorch takes a kernel (and
/// a pass) per operation. The operations, their order and their float32 arithmetic are those of
/// the libtorch pipeline in <see cref="EnhancedSGD"/>, so without noise both give the same bits.
/// </summary>
internal static class DirectionKernel
{
    const int Lanes = 8;

    /// <summary>Writes the direction for <paramref name="gradient"/> into <paramref name="direction"/>; returns how many elements were clipped.</summary>
    /// <param name="noiseWord">The noise stream's word for this tensor's first element (see <see cref="CounterGaussian"/>).</param>
    public static long Run(ReadOnlySpan<float> gradient, Span<float> direction, in DirectionRecipe recipe, long noiseWord)
    {
        if (direction.Length != gradient.Length) throw new ArgumentException("the direction must be as long as the gradient", nameof(direction));
        var steps = new Steps(recipe);
        var whole = gradient.Length - gradient.Length % CounterGaussian.BlockElements;
        ref var source = ref MemoryMarshal.GetReference(gradient);
        ref var target = ref MemoryMarshal.GetReference(direction);
        long clipped = 0;
        for (var i = 0; i < whole; i += CounterGaussian.BlockElements, noiseWord += CounterGaussian.BlockWords)
        {
            var first = steps.Apply(Vector256.LoadUnsafe(ref source, (nuint)i), ref clipped);
            var second = steps.Apply(Vector256.LoadUnsafe(ref source, (nuint)(i + Lanes)), ref clipped);
            if (steps.Noisy) steps.AddNoise(ref first, ref second, noiseWord);
            first.StoreUnsafe(ref target, (nuint)i);
            second.StoreUnsafe(ref target, (nuint)(i + Lanes));
        }
        if (whole < gradient.Length)
        {
            // The last, partial block: padded with zeros, which are never beyond a bound (> 0).
            Span<float> last = stackalloc float[CounterGaussian.BlockElements];
            last.Clear();
            gradient[whole..].CopyTo(last);
            ref var padded = ref MemoryMarshal.GetReference(last);
            var first = steps.Apply(Vector256.LoadUnsafe(ref padded), ref clipped);
            var second = steps.Apply(Vector256.LoadUnsafe(ref padded, Lanes), ref clipped);
            if (steps.Noisy) steps.AddNoise(ref first, ref second, noiseWord);
            first.StoreUnsafe(ref padded);
            second.StoreUnsafe(ref padded, Lanes);
            last[..(gradient.Length - whole)].CopyTo(direction[whole..]);
        }
        return clipped;
    }

    /// <summary>The recipe as vectors, and which of its operations run.</summary>
    readonly struct Steps(DirectionRecipe recipe)
    {
        readonly bool centring = recipe.Centre != 0;
        readonly bool scaling = recipe.Scale != 1;
        readonly bool clipping = !float.IsPositiveInfinity(recipe.Bound);
        readonly bool factoring = recipe.Factor != 1;
        readonly Vector256<float> centre = Vector256.Create(recipe.Centre);
        readonly Vector256<float> scale = Vector256.Create(recipe.Scale);
        readonly Vector256<float> upper = Vector256.Create(recipe.Bound);
        readonly Vector256<float> lower = Vector256.Create(-recipe.Bound);
        readonly Vector256<float> factor = Vector256.Create(recipe.Factor);
        readonly float noiseStd = recipe.NoiseStd;
        readonly ulong noiseKey = recipe.NoiseKey;

        public bool Noisy => noiseStd != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> Apply(Vector256<float> value, ref long clipped)
        {
            if (centring) value -= centre;
            if (scaling) value *= scale;
            if (clipping)
            {
                clipped += BitOperations.PopCount(Vector256.GreaterThan(Vector256.Abs(value), upper).ExtractMostSignificantBits());
                // clamp, keeping NaN as NaN (as torch's clamp does)
                value = Vector256.ConditionalSelect(Vector256.Equals(value, value), Vector256.Min(Vector256.Max(value, lower), upper), value);
            }
            if (factoring) value *= factor;
            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddNoise(ref Vector256<float> first, ref Vector256<float> second, long word)
        {
            var (cos, sin) = CounterGaussian.Block(noiseKey, word);
            first += cos * noiseStd;
            second += sin * noiseStd;
        }
    }
}
