using System.Globalization;
using System.Text;
using static GradRetentionNet.Reporting.Html.HtmlText;

namespace GradRetentionNet.Reporting.Html;

/// <summary>Turns a page's blocks into one HTML document: the edge where typed content becomes text.</summary>
internal static class PageHtml
{
    /// <summary>The id of the table of contents, kept out of the headings' ids.</summary>
    public const string ContentsId = "contents";

    public static string Render(string title, IReadOnlyList<PageBlock> blocks)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{Encode(title)}</title>\n<style>\n{PageAssets.Style}\n</style></head>\n<body>\n")
            .Append($"<h1>{Encode(title)}</h1>\n");
        Contents(html, blocks.OfType<HeadingBlock>().ToList());
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    html.Append($"<h{h.Level} id=\"{Encode(h.Id)}\">{Encode(h.Text)}</h{h.Level}>\n");
                    break;
                case ParagraphBlock p:
                    html.Append($"<p>{Encode(p.Text)}</p>\n");
                    break;
                case FactsBlock f:
                    html.Append("<dl class=\"facts\">");
                    foreach (var (term, value) in f.Facts) html.Append($"<dt>{Encode(term)}</dt><dd>{Encode(value)}</dd>");
                    html.Append("</dl>\n");
                    break;
                case ImageBlock i:
                    html.Append($"<p><img src=\"{Encode(ReportLink.EscapePath(i.Source))}\" alt=\"{Encode(i.Alt)}\" width=\"{i.Width}\" height=\"{i.Height}\"></p>\n");
                    break;
                case TableBlock t when t.CollapsedAs is { } summary:
                    html.Append($"<details><summary>{Encode(summary)}</summary>\n");
                    Table(html, t.Table);
                    html.Append("</details>\n");
                    break;
                case TableBlock t:
                    Table(html, t.Table);
                    break;
                default:
                    throw new ArgumentException($"no HTML for a {block.GetType().Name}", nameof(blocks));
            }
        }
        return html.Append($"<script>\n{PageAssets.SortScript}\n</script>\n</body></html>\n").ToString();
    }

    // h2 headings as the list, each h3 nested under the h2 before it (an h3 before any h2 stands alone).
    static void Contents(StringBuilder html, IReadOnlyList<HeadingBlock> headings)
    {
        if (headings.Count == 0) return;
        var entries = new List<(HeadingBlock Heading, List<HeadingBlock> Subsections)>();
        foreach (var heading in headings)
        {
            if (heading.Level == 3 && entries.Count > 0 && entries[^1].Heading.Level == 2) entries[^1].Subsections.Add(heading);
            else entries.Add((heading, []));
        }
        html.Append($"<nav id=\"{ContentsId}\" aria-label=\"Contents\"><p class=\"toc-title\">Contents</p><ol>");
        foreach (var (heading, subsections) in entries)
        {
            html.Append($"<li>{ContentsLink(heading)}");
            if (subsections.Count > 0)
                html.Append("<ol>").AppendJoin("", subsections.Select(s => $"<li>{ContentsLink(s)}</li>")).Append("</ol>");
            html.Append("</li>");
        }
        html.Append("</ol></nav>\n");
    }

    static string ContentsLink(HeadingBlock heading) => $"<a href=\"#{Encode(heading.Id)}\">{Encode(heading.Text)}</a>";

    static void Table(StringBuilder html, ReportTable table)
    {
        // Wide tables scroll sideways inside their box rather than widening the page.
        html.Append("<div class=\"table-box\">").Append(table.Sortable ? "<table class=\"sortable\">" : "<table>").Append("<thead><tr>");
        foreach (var column in table.Columns)
        {
            var kind = column.Kind == ColumnKind.Number ? " class=\"num\"" : "";
            var title = column.Description is { } description ? $" title=\"{Encode(description)}\"" : "";
            html.Append($"<th{kind}{title}>{Encode(column.Header)}</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Count; c++) Cell(html, table.Columns[c], row[c]);
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    static void Cell(StringBuilder html, ReportColumn column, ReportCell cell)
    {
        var kind = column.Kind switch { ColumnKind.Number => "num", ColumnKind.Prose => "prose", _ => null };
        var classes = string.Join(' ', new[] { kind, cell.Tone }.OfType<string>());
        html.Append("<td");
        if (classes.Length > 0) html.Append($" class=\"{Encode(classes)}\"");
        // Every numeric cell carries its key, empty when missing, so the script never parses display text.
        if (column.Kind == ColumnKind.Number) html.Append($" data-sort=\"{SortKey(cell.SortKey)}\"");
        html.Append('>').Append(Encode(cell.Text));
        if (cell.Image is { } image)
            html.Append($"<img src=\"{Encode(ReportLink.EscapePath(image.Source))}\" alt=\"{Encode(image.Alt)}\" title=\"{Encode(image.Alt)}\" width=\"{image.Width.ToString(CultureInfo.InvariantCulture)}\">");
        // A space between links, so that a cell of several can wrap between them.
        var links = (cell.Links ?? []).Select(link =>
            $"<a href=\"{Encode(link.Href)}\"{(link.Title is { } t ? $" title=\"{Encode(t)}\"" : "")}>{Encode(link.Text)}</a>");
        html.AppendJoin(' ', links);
        html.Append("</td>");
    }
}
