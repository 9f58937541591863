using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GradRetentionNet.Training.Optimizers.Enhanced.Cpu;

/// <summary>
/// Standard normal numbers addressed by a counter. Word k of the stream with key K is
/// SplitMix64's output for the state K + k·γ, which is SplitMix64's own sequence, so any word can
/// be computed on its own without stepping a generator; each 8 words make a block of 16 normals by
/// the Box–Muller transform. A part of the stream is therefore a pure function of (key, first
/// word): chunks can be drawn in any order, on any thread, and drawn again exactly after a
/// checkpoint. libtorch's CPU normal_ steps one Mersenne Twister element by element, which made
/// the noise most of EnhancedSGD's cost on the CPU.
/// </summary>
/// <remarks>
/// From a word w: u = (w's top 24 bits + 1)·2⁻²⁴ in (0, 1] gives the radius r = sqrt(−2 ln u) (at
/// most sqrt(2·24·ln 2) ≈ 5.8); the low 24 bits give the angle θ = q·π/2 + φ, with the quadrant q
/// from 2 bits and φ uniform in [−π/4, π/4) from 22 bits, which is uniform over a whole turn; the
/// first 8 normals of a block are r·cos θ, the next 8 r·sin θ. ln, sin and cos are polynomials
/// accurate to float32 on these ranges: .NET's Vector256.Log and SinCos are about 20 times slower
/// here.
/// </remarks>
internal static class CounterGaussian
{
    /// <summary>Normals per block.</summary>
    public const int BlockElements = 16;

    /// <summary>Words per block.</summary>
    public const int BlockWords = 8;

    const ulong Gamma = 0x9E3779B97F4A7C15UL;
    const float Ln2 = 0.693147180559945309f;

    // Lane j of a block's words is j·γ past its first (wrapping, as SplitMix64's state does).
    static readonly Vector256<ulong> LowLanes = Vector256.Create(0UL, 1, 2, 3) * Gamma;
    static readonly Vector256<ulong> HighLanes = Vector256.Create(4UL, 5, 6, 7) * Gamma;

    /// <summary>Words that <paramref name="elements"/> normals take: whole blocks, so each tensor starts on a block.</summary>
    public static long WordsFor(long elements) => (elements + BlockElements - 1) / BlockElements * BlockWords;

    /// <summary>The block of 16 normals that begins at word <paramref name="word"/>: r·cos θ, then r·sin θ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Cos, Vector256<float> Sin) Block(ulong key, long word)
    {
        var start = Vector256.Create(unchecked(key + (ulong)word * Gamma));
        var low = Mix(start + LowLanes);
        var high = Mix(start + HighLanes);
        var radiusBits = Vector256.Narrow(Vector256.ShiftRightLogical(low, 40), Vector256.ShiftRightLogical(high, 40)).AsInt32();
        var angleBits = Vector256.Narrow(low, high).AsInt32();

        var u = Vector256.ConvertToSingle(radiusBits + Vector256<int>.One) * (1f / (1 << 24));
        var radius = Vector256.Sqrt(LogUnit(u) * -2f);

        var phi = (Vector256.ConvertToSingle(angleBits & Vector256.Create(0x3FFFFF)) * (1f / (1 << 22)) - Vector256.Create(0.5f)) * (MathF.PI / 2);
        var (sin, cos) = SinCosQuarter(phi);
        // Rotate by q quarter turns: (cos, sin) → (−sin, cos) → (−cos, −sin) → (sin, −cos).
        var quadrant = Vector256.ShiftRightLogical(angleBits, 22) & Vector256.Create(3);
        var swap = Vector256.Equals(quadrant & Vector256<int>.One, Vector256<int>.One).AsSingle();
        var cosSign = Vector256.ShiftLeft((quadrant ^ Vector256.ShiftRightLogical(quadrant, 1)) & Vector256<int>.One, 31).AsSingle();
        var sinSign = Vector256.ShiftLeft(Vector256.ShiftRightLogical(quadrant, 1), 31).AsSingle();
        var rotatedCos = Vector256.ConditionalSelect(swap, sin, cos) ^ cosSign;
        var rotatedSin = Vector256.ConditionalSelect(swap, cos, sin) ^ sinSign;
        return (radius * rotatedCos, radius * rotatedSin);
    }

    /// <summary>Writes the normals that begin at word <paramref name="word"/>, times <paramref name="std"/>, into <paramref name="target"/>.</summary>
    public static void Fill(Span<float> target, float std, ulong key, long word)
    {
        Span<float> last = stackalloc float[BlockElements];
        for (var i = 0; i < target.Length; i += BlockElements, word += BlockWords)
        {
            var (cos, sin) = Block(key, word);
            var whole = target.Length - i >= BlockElements;
            var block = whole ? target.Slice(i, BlockElements) : last;
            (cos * std).CopyTo(block);
            (sin * std).CopyTo(block[8..]);
            if (!whole) last[..(target.Length - i)].CopyTo(target[i..]);
        }
    }

    /// <summary>SplitMix64's output function.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>ln x for normal positive floats: x = m·2^e with m in [√½, √2), ln m = 2·atanh((m − 1)/(m + 1)) by its series to s⁹.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> LogUnit(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127);
        var mantissa = ((bits & Vector256.Create(0x7FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var high = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f));
        mantissa = Vector256.ConditionalSelect(high, mantissa * 0.5f, mantissa);
        exponent -= high.AsInt32(); // a true lane is −1
        var s = (mantissa - Vector256<float>.One) / (mantissa + Vector256<float>.One);
        var z = s * s;
        var series = Fma(Fma(Fma(Fma(Vector256.Create(1f / 9), z, 1f / 7), z, 1f / 5), z, 1f / 3), z, 1f);
        return Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(exponent), Vector256.Create(Ln2), s * series * 2f);
    }

    /// <summary>sin φ and cos φ for |φ| ≤ π/4 by their Taylor series (to φ⁹ and φ¹⁰; the first terms left out are below 2·10⁻⁹).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static (Vector256<float> Sin, Vector256<float> Cos) SinCosQuarter(Vector256<float> phi)
    {
        var z = phi * phi;
        var sin = Fma(Fma(Fma(Fma(Vector256.Create(1f / 362880), z, -1f / 5040), z, 1f / 120), z, -1f / 6), z, 1f) * phi;
        var cos = Fma(Fma(Fma(Fma(Fma(Vector256.Create(-1f / 3628800), z, 1f / 40320), z, -1f / 720), z, 1f / 24), z, -0.5f), z, 1f);
        return (sin, cos);
    }

    /// <summary>a·b + c in one rounding: a step of Horner's rule.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, float c) => Vector256.FusedMultiplyAdd(a, b, Vector256.Create(c));
}
