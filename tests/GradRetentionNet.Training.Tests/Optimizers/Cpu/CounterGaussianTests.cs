using GradRetentionNet.Training.Optimizers.Enhanced.Cpu;

namespace GradRetentionNet.Training.Tests.Optimizers.Cpu;

public sealed class CounterGaussianTests
{
    const int Count = 1 << 20;
    const ulong Key = 0x5EED;

    static float[] Draw(int count, ulong key = Key, long word = 0)
    {
        var values = new float[count];
        CounterGaussian.Fill(values, 1, key, word);
        return values;
    }

    [Fact]
    public void Moments_and_tail_masses_are_those_of_a_standard_normal()
    {
        var z = Draw(Count).Select(v => (double)v).ToArray();
        var mean = z.Average();
        var variance = z.Sum(v => (v - mean) * (v - mean)) / (Count - 1);
        var kurtosis = z.Sum(v => Math.Pow(v - mean, 4)) / Count / (variance * variance);

        // Bounds of 5 to 6 standard errors for 2^20 draws.
        mean.Should().BeApproximately(0, 0.005);
        variance.Should().BeApproximately(1, 0.007);
        kurtosis.Should().BeApproximately(3, 0.03);
        Fraction(z, v => v > 0).Should().BeApproximately(0.5, 0.003);
        Fraction(z, v => Math.Abs(v) < 1).Should().BeApproximately(0.682689, 0.0025);
        Fraction(z, v => Math.Abs(v) > 2).Should().BeApproximately(0.0455003, 0.001);
        Fraction(z, v => Math.Abs(v) > 3).Should().BeApproximately(0.0026998, 0.0003);
        z.Max(Math.Abs).Should().BeLessThan(5.8, "24 bits of radius reach sqrt(2·24·ln 2)");
    }

    [Theory]
    [InlineData(1)]   // neighbours
    [InlineData(8)]   // the cosine and sine of one Box–Muller pair
    [InlineData(16)]  // the same place in the next block
    public void Normals_at_a_distance_are_uncorrelated(int lag)
    {
        var z = Draw(Count);
        Correlation(z, lag, v => v).Should().BeApproximately(0, 0.007);
        Correlation(z, lag, v => v * v).Should().BeApproximately(0, 0.007);
    }

    [Fact]
    public void Any_stretch_is_the_same_drawn_alone_or_within_a_longer_one()
    {
        var whole = Draw(1000);
        // 16 normals per 8 words: element 160 begins at word 80.
        Draw(37, word: 80).Should().Equal(whole.Skip(160).Take(37));
        Draw(1000).Should().Equal(whole, "a counter stream has no state to advance");
        Draw(1000, key: Key + 1).Zip(whole).Count(p => p.First == p.Second).Should().BeLessThan(5, "another key draws other numbers");
    }

    [Fact]
    public void Each_normal_is_the_Box_Muller_transform_of_its_word_to_float_precision()
    {
        const ulong gamma = 0x9E3779B97F4A7C15UL;
        var z = Draw(4096);
        var worst = 0.0;
        for (var e = 0; e < z.Length; e++)
        {
            // Element e: block e / 16, lane e % 8; the first 8 of a block are cosines, the next 8 sines.
            var word = Mix(unchecked(Key + (ulong)(e / 16 * 8 + e % 8) * gamma));
            var radius = Math.Sqrt(-2 * Math.Log(((word >> 40) + 1) / (double)(1 << 24)));
            var angleBits = word & 0xFFFFFF;
            var angle = (angleBits >> 22) * Math.PI / 2 + ((angleBits & 0x3FFFFF) / (double)(1 << 22) - 0.5) * Math.PI / 2;
            var expected = e % 16 < 8 ? radius * Math.Cos(angle) : radius * Math.Sin(angle);
            worst = Math.Max(worst, Math.Abs(z[e] - expected));
        }
        worst.Should().BeLessThan(4e-6, "float32 arithmetic on radii up to 5.8");
    }

    static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    static double Fraction(double[] values, Func<double, bool> predicate) => values.Count(predicate) / (double)values.Length;

    static double Correlation(float[] z, int lag, Func<double, double> f)
    {
        var x = z.Take(z.Length - lag).Select(v => f(v)).ToArray();
        var y = z.Skip(lag).Select(v => f(v)).ToArray();
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
