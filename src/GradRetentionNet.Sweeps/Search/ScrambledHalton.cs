using MathNet.Numerics.Random;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// Points 1..count of a scrambled Halton sequence in [0, 1)^d: dimension k is the radical
/// inverse in the k-th prime base, with each digit passed through a random permutation of that
/// base's digits. Plain Halton points in neighbouring large bases are strongly correlated (the
/// first points lie on a few lines); the permutation breaks that while keeping the even coverage.
/// The permutation keeps 0 fixed, so the trailing zeros of a number add nothing and each
/// coordinate is a finite sum.
/// </summary>
internal static class ScrambledHalton
{
    public static IEnumerable<double[]> Draw(int count, int dimensions, int seed)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        var bases = Primes(dimensions);
        var permutations = bases.Select(b => DigitPermutation(b, random)).ToArray();
        for (var index = 1; index <= count; index++)
        {
            var point = new double[dimensions];
            for (var d = 0; d < dimensions; d++) point[d] = RadicalInverse(index, bases[d], permutations[d]);
            yield return point;
        }
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
