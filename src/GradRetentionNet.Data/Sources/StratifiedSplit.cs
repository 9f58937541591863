using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// A deterministic, class-balanced train/test split for sources that ship as one pool: each
/// class gives its share of the test set (largest-remainder rounding, so the total is exact),
/// taken at evenly spaced positions through that class's items so that no end of the file is
/// favoured. No random numbers: the split is the same on every machine and every version.
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>Train and test indices into <paramref name="labels"/>, each ascending.</summary>
    public static (long[] Train, long[] Test) Split(IReadOnlyList<int> labels, int testCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testCount, labels.Count);
        var byClass = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key)
            .Select(g => g.ToArray()).ToArray();

        var shares = StratumShares.LargestRemainder([.. byClass.Select(items => items.Length)], testCount);

        var isTest = new bool[labels.Count];
        for (var c = 0; c < byClass.Length; c++)
        {
            var items = byClass[c];
            for (var k = 0; k < shares[c]; k++)
                isTest[items[(int)((k + 0.5) * items.Length / shares[c])]] = true;
        }
        var all = Enumerable.Range(0, labels.Count).Select(i => (long)i).ToArray();
        return (all.Where(i => !isTest[i]).ToArray(), all.Where(i => isTest[i]).ToArray());
    }
}
