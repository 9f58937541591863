namespace GradRetentionNet.Data.Splits;

/// <summary>
/// How many of a held-out set each stratum (class) gives: its exact share rounded down, then one
/// more for the strata with the largest remainders, so the total is exactly the number asked for
/// and every stratum's count is within one example of its exact share.
/// </summary>
internal static class StratumShares
{
    /// <summary>
    /// The count each of <paramref name="sizes"/> gives towards <paramref name="total"/> examples
    /// (ties between equal remainders go to the earlier stratum).
    /// </summary>
    public static int[] LargestRemainder(IReadOnlyList<int> sizes, int total)
    {
        var all = sizes.Sum();
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, all);
        var exact = sizes.Select(size => all == 0 ? 0 : (double)size * total / all).ToArray();
        var shares = exact.Select(x => (int)Math.Floor(x)).ToArray();
        foreach (var s in Enumerable.Range(0, sizes.Count).OrderByDescending(s => exact[s] - shares[s]).ThenBy(s => s)
                     .Take(total - shares.Sum()))
            shares[s]++;
        return shares;
    }
}
