using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GradRetentionNet.Training.Optimizers.Cpu;

/// <summary>
/// Σx and Σx² of float32 values in one vectorised pass, accumulated in float64: on the CPU this
/// replaces a sum and a dot product per tensor (two passes and a dozen small libtorch operations).
/// </summary>
internal static class HostMoments
{
    const int Stride = 2 * 8; // two vectors a turn: four independent sums each for Σx and Σx², so additions overlap

    public static (double Sum, double SumOfSquares) Of(ReadOnlySpan<float> values)
    {
        ref var start = ref MemoryMarshal.GetReference(values);
        var whole = values.Length - values.Length % Stride;
        Vector256<double> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
        Vector256<double> squares0 = default, squares1 = default, squares2 = default, squares3 = default;
        for (var i = 0; i < whole; i += Stride)
        {
            var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i));
            var (c, d) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)(i + 8)));
            sum0 += a;
            sum1 += b;
            sum2 += c;
            sum3 += d;
            squares0 = Vector256.FusedMultiplyAdd(a, a, squares0);
            squares1 = Vector256.FusedMultiplyAdd(b, b, squares1);
            squares2 = Vector256.FusedMultiplyAdd(c, c, squares2);
            squares3 = Vector256.FusedMultiplyAdd(d, d, squares3);
        }
        var sum = Vector256.Sum(sum0 + sum1 + (sum2 + sum3));
        var squares = Vector256.Sum(squares0 + squares1 + (squares2 + squares3));
        foreach (var value in values[whole..])
        {
            sum += value;
            squares += (double)value * value;
        }
        return (sum, squares);
    }
}
