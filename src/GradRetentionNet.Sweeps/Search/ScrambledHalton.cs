using MathNet.Numerics.Random;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// Points 1..count of a scrambled Halton sequence in [0, 1)^d: dimension k is the radical
/// inverse in the k-th prime base, with each digit passed through a random permutation of that
/// base's digits. Plain Halton points in neighbouring large bases are strongly correlated (the
/// first points lie on a few lines); the permutation breaks that while keeping the even coverage.
/// The permutation keeps 0 fixed, so the trailing zeros of a number add nothing and each
/// coordinate is a finite sum.
/// <para>
/// A permutation that keeps 0 fixed has nothing to choose in base 2 (and little in base 3), so the
/// first dimension would be the same van der Corput points for every seed and every optimizer: a
/// search over lr alone could not be redrawn. Each dimension is therefore also shifted by a seeded
/// random amount modulo 1 (a Cranley–Patterson rotation), which moves every point alike and so
/// keeps their even spread.
/// </para>
/// </summary>
internal static class ScrambledHalton
{
    public static IEnumerable<double[]> Draw(int count, int dimensions, int seed)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        var bases = Primes(dimensions);
        var permutations = bases.Select(b => DigitPermutation(b, random)).ToArray();
        var shifts = bases.Select(_ => random.NextDouble()).ToArray();
        for (var index = 1; index <= count; index++)
        {
            var point = new double[dimensions];
            for (var d = 0; d < dimensions; d++) point[d] = Rotate(RadicalInverse(index, bases[d], permutations[d]), shifts[d]);
            yield return point;
        }
    }

    /// <summary>(value + shift) mod 1, kept below 1 when rounding lands on it.</summary>
    static double Rotate(double value, double shift)
    {
        var rotated = value + shift;
        rotated -= Math.Floor(rotated);
        return rotated < 1 ? rotated : 0;
    }

    static double RadicalInverse(int index, int @base, int[] permutation)
    {
        double value = 0, scale = 1.0 / @base;
        for (var n = index; n > 0; n /= @base, scale /= @base)
            value += permutation[n % @base] * scale;
        return value;
    }

    /// <summary>A uniformly random permutation of 1..base−1 (Fisher–Yates), 0 mapped to itself.</summary>
    static int[] DigitPermutation(int @base, Random random)
    {
        var permutation = Enumerable.Range(0, @base).ToArray();
        for (var i = @base - 1; i > 1; i--)
        {
            var j = 1 + random.Next(i); // 1..i
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }
        return permutation;
    }

    /// <summary>The first <paramref name="count"/> primes (2, 3, 5, ...).</summary>
    public static int[] Primes(int count)
    {
        var primes = new List<int>(count);
        for (var candidate = 2; primes.Count < count; candidate++)
            if (primes.TakeWhile(p => p * p <= candidate).All(p => candidate % p != 0))
                primes.Add(candidate);
        return [.. primes];
    }
}
