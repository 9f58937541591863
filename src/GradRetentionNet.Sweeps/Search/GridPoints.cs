namespace GradRetentionNet.Sweeps.Search;

/// <summary>The cartesian product of listed values: every combination, one hyperparameter after another in ordinal order.</summary>
public static class GridPoints
{
    /// <summary>All combinations, keys in ordinal order; one empty point when nothing is listed.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Of(IReadOnlyDictionary<string, IReadOnlyList<string>> lists)
    {
        IEnumerable<SortedDictionary<string, string>> points = [new SortedDictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, values) in lists.OrderBy(g => g.Key, StringComparer.Ordinal))
            points = points.SelectMany(point => values.Select(value => new SortedDictionary<string, string>(point, StringComparer.Ordinal) { [name] = value }));
        return points.ToList();
    }

    /// <summary>How many combinations there are, without listing them (saturating at <see cref="long.MaxValue"/>).</summary>
    public static long Count(IEnumerable<int> listLengths) =>
        listLengths.Aggregate(1L, (product, length) => length == 0 ? 0 : product > long.MaxValue / length ? long.MaxValue : product * length);
}
