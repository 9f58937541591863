using System.Text;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>How a column's cells line up: text to the left, numbers to the right.</summary>
internal enum ColumnAlign
{
    Left,
    Right,
}

internal sealed record MarkdownColumn(string Header, ColumnAlign Align = ColumnAlign.Left);

/// <summary>
/// A pipe table whose columns are padded to one width, so the page reads as a table in an editor
/// and in a diff, not only once rendered. A cell is one line: a '|' in it is escaped and a line
/// break becomes a space.
/// </summary>
internal sealed class MarkdownTable(IReadOnlyList<MarkdownColumn> columns)
{
    readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != columns.Count)
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {columns.Count} columns", nameof(cells));
        rows.Add([.. cells.Select(Escape)]);
        return this;
    }

    public string Render()
    {
        var headers = columns.Select(c => Escape(c.Header)).ToArray();
        // A separator needs three dashes at least ("---", "--:").
        var widths = Enumerable.Range(0, columns.Count)
            .Select(i => rows.Select(r => r[i].Length).Append(headers[i].Length).Append(3).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        Line(text, [.. columns.Select((c, i) => c.Align == ColumnAlign.Right ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i]))], widths);
        foreach (var row in rows) Line(text, row, widths);
        return text.ToString();
    }

    void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            var padded = columns[i].Align == ColumnAlign.Right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            text.Append(' ').Append(padded).Append(" |");
        }
        text.Append('\n');
    }

    static string Escape(string cell) => cell.Replace("|", "\\|").ReplaceLineEndings(" ");
}
