namespace GradRetentionNet.Sweeps.Tables;

/// <summary>
/// One column of an exported table, typed, its values in row order. The name is snake_case and the
/// same in every format (the CSV header, the JSON property, the Parquet field). Null is a missing
/// value; a number may be +∞ (a missed target), which each format writes its own way.
/// </summary>
public abstract record TableColumn(string Name)
{
    public abstract int Count { get; }
}

public sealed record TextColumn(string Name, IReadOnlyList<string?> Values) : TableColumn(Name)
{
    public override int Count => Values.Count;
}

public sealed record IntegerColumn(string Name, IReadOnlyList<long?> Values) : TableColumn(Name)
{
    public override int Count => Values.Count;
}

public sealed record NumberColumn(string Name, IReadOnlyList<double?> Values) : TableColumn(Name)
{
    public override int Count => Values.Count;
}
