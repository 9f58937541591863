using System.Globalization;
using GradRetentionNet.Data.Sources;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// A validation set carved out of a training split, and the examples left to train on: the two
/// are disjoint and together are the whole split. Stratified: each stratum (a class; for
/// segmentation a mask's dominant class) gives its share of the validation set by
/// largest-remainder rounding, so the total is round(fraction · n) and every stratum's count is
/// within one example of fraction · its size. Which examples of a stratum go is a seeded draw
/// (SplitMix64, fixed by its definition), so the same seed gives the same carve on every machine.
/// </summary>
/// <param name="Train">Positions left for training, ascending.</param>
/// <param name="Validation">Positions held out for validation, ascending.</param>
public sealed record ValidationCarve(long[] Train, long[] Validation)
{
    /// <summary>
    /// Carves <paramref name="fraction"/> of the examples whose strata are <paramref name="strata"/>.
    /// Throws a one-line <see cref="ArgumentException"/> when either side would be empty.
    /// </summary>
    public static ValidationCarve Draw(IReadOnlyList<int> strata, double fraction, long seed)
    {
        if (!(fraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the validation fraction must be between 0 and 1 (exclusive)");
        var count = strata.Count;
        var validationCount = (int)Math.Round(fraction * count, MidpointRounding.AwayFromZero);
        if (validationCount == 0 || validationCount == count)
            throw new ArgumentException(EmptySideMessage(fraction, count, validationCount));

        var byStratum = Enumerable.Range(0, count).GroupBy(i => strata[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var shares = StratumShares.LargestRemainder([.. byStratum.Select(members => members.Length)], validationCount);
        var random = new SplitMix64(unchecked((ulong)seed));
        var isValidation = new bool[count];
        for (var s = 0; s < byStratum.Length; s++)
            foreach (var position in DrawWithoutReplacement(byStratum[s], shares[s], ref random))
                isValidation[position] = true;

        var positions = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        return new ValidationCarve([.. positions.Where(i => !isValidation[i])], [.. positions.Where(i => isValidation[i])]);
    }

    // The first `take` places of a partial Fisher–Yates shuffle: a uniform draw without replacement.
    static IEnumerable<int> DrawWithoutReplacement(int[] members, int take, ref SplitMix64 random)
    {
        var pool = (int[])members.Clone();
        for (var k = 0; k < take; k++)
        {
            var pick = k + random.Below(pool.Length - k);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
        }
        return pool.Take(take);
    }

    static string EmptySideMessage(double fraction, int count, int validationCount)
    {
        var advice = validationCount == 0
            ? "raise the validation fraction or train on more examples (max-train-samples)"
            : "lower the validation fraction or train on more examples (max-train-samples)";
        return string.Create(CultureInfo.InvariantCulture,
            $"validation fraction {fraction} of {count} training examples leaves {validationCount} for validation and {count - validationCount} for training: {advice}");
    }
}
