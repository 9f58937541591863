namespace GradRetentionNet.Sweeps.Tables;

/// <summary>
/// A flat table for export (CSV, JSON, Parquet), stored by column: typed values, no formatting,
/// which stays with each writer. <see cref="Name"/> names its file (e.g. verdicts.csv).
/// </summary>
public sealed record ExportTable
{
    public ExportTable(string name, IReadOnlyList<TableColumn> columns)
    {
        if (columns.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() != columns.Count)
            throw new ArgumentException($"table '{name}' names a column twice: {string.Join(", ", columns.Select(c => c.Name))}", nameof(columns));
        if (columns.Select(c => c.Count).Distinct().Count() > 1)
            throw new ArgumentException($"table '{name}' has columns of different lengths", nameof(columns));
        Name = name;
        Columns = columns;
    }

    public string Name { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Count;

    /// <summary>Starts a table whose rows are <paramref name="rows"/>, each column read off a row by a function.</summary>
    public static ExportTableBuilder<T> Of<T>(string name, IEnumerable<T> rows) => new(name, rows.ToList());
}

/// <summary>Defines a table's columns over its source records, one call per column, in column order.</summary>
public sealed class ExportTableBuilder<T>(string name, IReadOnlyList<T> rows)
{
    readonly List<TableColumn> columns = [];

    public ExportTableBuilder<T> Text(string column, Func<T, string?> value) => Add(new TextColumn(column, rows.Select(value).ToList()));

    public ExportTableBuilder<T> Integer(string column, Func<T, long?> value) => Add(new IntegerColumn(column, rows.Select(value).ToList()));

    public ExportTableBuilder<T> Number(string column, Func<T, double?> value) => Add(new NumberColumn(column, rows.Select(value).ToList()));

    public ExportTable Build() => new(name, columns);

    ExportTableBuilder<T> Add(TableColumn column)
    {
        columns.Add(column);
        return this;
    }
}
