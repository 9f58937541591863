namespace GradRetentionNet.Sweeps.Aggregation;

/// <summary>
/// A grid point's hyperparameter values in canonical (ordinal key) order, compared by value so
/// it can key a group. Empty for a sweep without a grid.
/// </summary>
public sealed class GridPoint : IEquatable<GridPoint>
{
    public static GridPoint Empty { get; } = new([]);

    GridPoint(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        Values = values;
        Canonical = string.Join(",", values.Select(v => $"{v.Key}={v.Value}"));
    }

    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    /// <summary>"k1=v1,k2=v2" with keys in ordinal order; empty for no grid.</summary>
    public string Canonical { get; }

    public static GridPoint From(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? Empty : new(values.OrderBy(v => v.Key, StringComparer.Ordinal).ToList());

    public bool Equals(GridPoint? other) => other is not null && Canonical == other.Canonical;
    public override bool Equals(object? obj) => Equals(obj as GridPoint);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);
    public override string ToString() => Canonical.Length == 0 ? "(no grid)" : Canonical;
}
