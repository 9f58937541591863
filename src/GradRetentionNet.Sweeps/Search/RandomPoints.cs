using MathNet.Numerics.Random;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>Independent uniform points in the unit cube [0, 1)^d, from a seeded Mersenne Twister.</summary>
internal static class RandomPoints
{
    // MersenneTwister is a fixed, published algorithm, so a seed gives the same numbers on every
    // runtime; System.Random's seeded sequence is not promised to stay the same across .NET versions.
    public static IEnumerable<double[]> Draw(int count, int dimensions, int seed)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        for (var i = 0; i < count; i++)
        {
            var point = new double[dimensions];
            for (var d = 0; d < dimensions; d++) point[d] = random.NextDouble();
            yield return point;
        }
    }
}
