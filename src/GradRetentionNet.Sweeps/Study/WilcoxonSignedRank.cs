using MathNet.Numerics.Distributions;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>How a Wilcoxon p-value was obtained.</summary>
public enum WilcoxonMethod
{
    /// <summary>The exact null distribution of W+ (n ≤ 25 non-zero differences, no tied ranks).</summary>
    Exact,
    /// <summary>Normal approximation with tie and continuity corrections.</summary>
    NormalApproximation,
}

/// <summary>
/// Wilcoxon signed-rank test of candidate − baseline over matched seeds, two-sided.
/// Zero differences are dropped before ranking (Wilcoxon's original convention, scipy's
/// zero_method="wilcox" and R's wilcox.test), so <see cref="RankedDifferences"/> can be fewer than
/// <see cref="Pairs"/>. Tied |d| share their average rank. <see cref="PositiveRankSum"/> is W+.
/// With fewer than two pairs the test is undefined (null p); when every difference is zero it is
/// <see cref="PairedTestOutcome.AllDifferencesZero"/> with p = 1. A constant non-zero difference
/// is an ordinary case here (ranks need no spread).
/// </summary>
public sealed record WilcoxonSignedRank(
    PairedTestOutcome Outcome,
    int Pairs,
    int RankedDifferences,
    double? PositiveRankSum,
    WilcoxonMethod? Method,
    double? PValue)
{
    /// <summary>Largest number of non-zero differences for which the exact distribution is used.</summary>
    public const int ExactMaximum = 25;

    public static WilcoxonSignedRank Of(IReadOnlyList<double> differences)
    {
        var pairs = differences.Count;
        if (pairs < 2) return new(PairedTestOutcome.TooFewPairs, pairs, 0, null, null, null);
        var nonZero = differences.Where(d => d != 0).ToList();
        if (nonZero.Count == 0) return new(PairedTestOutcome.AllDifferencesZero, pairs, 0, 0, null, 1);

        var (ranks, tieGroupSizes) = AverageRanks(nonZero.Select(Math.Abs).ToList());
        var positiveRankSum = nonZero.Select((d, i) => d > 0 ? ranks[i] : 0).Sum();
        var n = nonZero.Count;
        var hasTies = tieGroupSizes.Any(t => t > 1);
        return n <= ExactMaximum && !hasTies
            ? new(PairedTestOutcome.Defined, pairs, n, positiveRankSum, WilcoxonMethod.Exact, ExactPValue(n, (int)positiveRankSum))
            : new(PairedTestOutcome.Defined, pairs, n, positiveRankSum, WilcoxonMethod.NormalApproximation,
                NormalPValue(n, positiveRankSum, tieGroupSizes));
    }

    /// <summary>
    /// Two-sided exact p: twice the smaller tail of W+ under H0, where each of the 2ⁿ sign
    /// assignments of ranks 1…n is equally likely; capped at 1.
    /// </summary>
    static double ExactPValue(int n, int positiveRankSum)
    {
        var ways = WaysToReachEachSum(n);
        var total = Math.Pow(2, n);
        var lower = ways.Take(positiveRankSum + 1).Sum() / total;
        var upper = ways.Skip(positiveRankSum).Sum() / total;
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }

    /// <summary>ways[w] = how many subsets of the ranks {1, …, n} sum to w (a subset-sum count).</summary>
    static double[] WaysToReachEachSum(int n)
    {
        var maximum = n * (n + 1) / 2;
        var ways = new double[maximum + 1];
        ways[0] = 1;
        for (var rank = 1; rank <= n; rank++)
            for (var sum = maximum; sum >= rank; sum--)
                ways[sum] += ways[sum - rank];
        return ways;
    }

    /// <summary>
    /// W+ against N(n(n+1)/4, n(n+1)(2n+1)/24 − Σ(t³ − t)/48) over tie groups of size t, with the
    /// continuity correction |W+ − μ| − ½ (as R's wilcox.test with correct = TRUE; clamped at 0
    /// so a statistic within ½ of its mean gives p = 1 instead of being pushed past it).
    /// </summary>
    static double NormalPValue(int n, double positiveRankSum, IReadOnlyList<int> tieGroupSizes)
    {
        var mean = n * (n + 1) / 4.0;
        var tieCorrection = tieGroupSizes.Sum(t => (double)t * t * t - t) / 48;
        var sd = Math.Sqrt(n * (n + 1) * (2 * n + 1) / 24.0 - tieCorrection);
        var z = Math.Max(0, Math.Abs(positiveRankSum - mean) - 0.5) / sd;
        return Math.Min(1, 2 * Normal.CDF(0, 1, -z));
    }

    /// <summary>Ranks 1…n of the values, ties sharing their average rank, and the size of every tie group.</summary>
    static (double[] Ranks, IReadOnlyList<int> TieGroupSizes) AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var groupSizes = new List<int>();
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = averageRank;
            groupSizes.Add(end - start + 1);
            start = end + 1;
        }
        return (ranks, groupSizes);
    }
}
