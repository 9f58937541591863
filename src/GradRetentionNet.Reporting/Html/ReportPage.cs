namespace GradRetentionNet.Reporting.Html;

/// <summary>
/// A self-contained report page: headings (h2 sections, h3 subsections) listed in a table of
/// contents at the top, paragraphs, facts, PNG images beside the page, and sortable tables whose
/// cells may link to job folders. Styles and the sorting script are inline; nothing is fetched
/// from the network, so the page works from a file:// URL and in an archive. Add blocks in page
/// order, then <see cref="Write"/>.
/// </summary>
/// <param name="title">The page's title and h1.</param>
public sealed class ReportPage(string title)
{
    readonly List<PageBlock> blocks = [];
    readonly HeadingIds ids = new();

    public string Title { get; } = title;

    /// <summary>Starts a section (h2); returns its id.</summary>
    public string Section(string heading) => AddHeading(2, heading);

    /// <summary>Starts a subsection (h3) of the current section; returns its id.</summary>
    public string Subsection(string heading) => AddHeading(3, heading);

    public ReportPage Paragraph(string text)
    {
        blocks.Add(new ParagraphBlock(text));
        return this;
    }

    public ReportPage Facts(IReadOnlyList<(string Term, string Value)> facts)
    {
        blocks.Add(new FactsBlock(facts));
        return this;
    }

    /// <summary>An image in the page's folder (<paramref name="fileName"/> relative to it), drawn at most at its own size.</summary>
    public ReportPage Image(string fileName, string alt, int width, int height)
    {
        blocks.Add(new ImageBlock(fileName, alt, width, height));
        return this;
    }

    /// <summary>A table; with <paramref name="collapsedAs"/> it starts folded under that line (for long tables).</summary>
    public ReportPage Table(ReportTable table, string? collapsedAs = null)
    {
        blocks.Add(new TableBlock(table, collapsedAs));
        return this;
    }

    /// <summary>The page as HTML.</summary>
    public string Render() => PageHtml.Render(Title, blocks);

    /// <summary>Writes the page as <paramref name="fileName"/> in <paramref name="folder"/> (created if missing); returns its path.</summary>
    public string Write(string folder, string fileName = "report.html")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, Render());
        return path;
    }

    string AddHeading(int level, string text)
    {
        var id = ids.For(text);
        blocks.Add(new HeadingBlock(level, text, id));
        return id;
    }
}
