using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// The max_train_samples / max_test_samples rule: a uniformly random subset drawn with a seeded
/// torch generator, so the same seed gives the same examples on every machine (and the same as
/// <c>torch.randperm(n, generator=torch.Generator().manual_seed(seed))[:max]</c> in PyTorch).
/// </summary>
public static class SeededSubset
{
    /// <summary>
    /// The indices (ascending, so examples keep their stored order) of <paramref name="max"/> of
    /// <paramref name="count"/> examples, or null when no subsetting is asked for or
    /// <paramref name="max"/> covers them all.
    /// </summary>
    public static long[]? Indices(long count, int? max, long seed)
    {
        if (max is null || max >= count) return null;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max.Value, "max samples");
        using var generator = new Generator(unchecked((ulong)seed));
        using var scope = NewDisposeScope();
        var chosen = randperm(count, generator: generator).narrow(0, 0, max.Value).data<long>().ToArray();
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The rows <paramref name="indices"/> of <paramref name="source"/> (disposing it), or <paramref name="source"/> itself when <paramref name="indices"/> is null.</summary>
    public static Tensor Rows(Tensor source, long[]? indices)
    {
        if (indices is null) return source;
        using (source)
        using (var index = tensor(indices, dtype: ScalarType.Int64))
            return source.index_select(0, index);
    }

    /// <summary>The items <paramref name="indices"/> of <paramref name="items"/>, or all of them when <paramref name="indices"/> is null.</summary>
    public static IReadOnlyList<T> Items<T>(IReadOnlyList<T> items, long[]? indices) =>
        indices is null ? items : [.. indices.Select(i => items[(int)i])];
}
