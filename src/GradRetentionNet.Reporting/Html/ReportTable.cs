namespace GradRetentionNet.Reporting.Html;

/// <summary>How a column reads and sorts.</summary>
public enum ColumnKind
{
    /// <summary>Short text kept on one line (names, seeds), sorted by its words.</summary>
    Text,

    /// <summary>Right-aligned numbers, sorted by value.</summary>
    Number,

    /// <summary>Long text that wraps (a sentence, a configuration), sorted by its words.</summary>
    Prose,
}

public sealed record ReportColumn(string Header, ColumnKind Kind = ColumnKind.Text, string? Description = null);

/// <summary>
/// A table of a report page. <see cref="Sortable"/> tables sort by a column when its header is
/// clicked (numbers by value, text by words with embedded numbers in order; a second click reverses).
/// </summary>
public sealed class ReportTable(IReadOnlyList<ReportColumn> columns, bool sortable = true)
{
    readonly List<IReadOnlyList<ReportCell>> rows = [];

    public IReadOnlyList<ReportColumn> Columns { get; } = columns;
    public bool Sortable { get; } = sortable;
    public IReadOnlyList<IReadOnlyList<ReportCell>> Rows => rows;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public ReportTable Add(params IReadOnlyList<ReportCell> cells)
    {
        if (cells.Count != Columns.Count)
            throw new ArgumentException($"a row of {cells.Count} cells in a table of {Columns.Count} columns ({string.Join(", ", Columns.Select(c => c.Header))})", nameof(cells));
        rows.Add(cells);
        return this;
    }
}
