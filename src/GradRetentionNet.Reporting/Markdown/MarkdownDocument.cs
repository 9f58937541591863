using System.Text;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>A Markdown page built block by block in page order: headings, paragraphs, lists, tables and images.</summary>
internal sealed class MarkdownDocument
{
    readonly StringBuilder text = new();

    public void Heading(int level, string heading) => Block($"{new string('#', level)} {heading}\n");

    public void Paragraph(string paragraph) => Block(paragraph.ReplaceLineEndings(" ") + "\n");

    public void Bullets(IEnumerable<string> items) => Block(string.Concat(items.Select(i => $"- {i.ReplaceLineEndings(" ")}\n")));

    public void Table(MarkdownTable table) => Block(table.Render());

    /// <param name="path">The image's path relative to the page, with '/' between folders.</param>
    public void Image(string path, string alt) =>
        Block($"![{alt.Replace("]", "\\]")}]({(path.Contains(' ') ? $"<{path}>" : path)})\n");

    public string Render() => text.ToString();

    // Blocks are separated by one blank line; the page ends with a single line break.
    void Block(string block)
    {
        if (text.Length > 0) text.Append('\n');
        text.Append(block);
    }
}
