using System.Text.RegularExpressions;
using GradRetentionNet.Reporting.Html;

namespace GradRetentionNet.Reporting.Tests;

public sealed class ReportPageTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-page-").FullName;

    [Fact]
    public void Every_text_is_html_encoded()
    {
        var page = new ReportPage("a <b>bold</b> & \"quoted\" title");
        page.Section("<script>alert(1)</script>");
        page.Paragraph("x < y & y > z");
        page.Facts([("<k>", "<v>")]);
        page.Table(new ReportTable([new("<col>")]).Add(new ReportCell("<td>", Links: [new ReportLink("<a>", "a\"b/")])));

        var html = page.Render();

        html.Should().NotContain("<script>alert").And.NotContain("<b>bold").And.NotContain("<col>").And.NotContain("<k>").And.NotContain("a\"b/");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("x &lt; y &amp; y &gt; z")
            .And.Contain("<title>a &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title</title>").And.Contain("href=\"a&quot;b/\"");
    }

    [Fact]
    public void The_contents_link_every_heading_by_a_unique_id_with_subsections_nested()
    {
        var page = new ReportPage("study");
        var ids = new[]
        {
            page.Section("Verdicts"), page.Section("mnist"), page.Subsection("Tuning curves"), page.Subsection("Paired comparisons"),
            page.Section("fashion"), page.Subsection("Tuning curves"), page.Section("Performance profile"),
        };

        var html = page.Render();

        ids.Should().OnlyHaveUniqueItems().And.Equal("verdicts", "mnist", "tuning-curves", "paired-comparisons", "fashion", "tuning-curves-2", "performance-profile");
        var nav = Regex.Match(html, "<nav id=\"contents\".*?</nav>", RegexOptions.Singleline).Value;
        Regex.Matches(nav, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).Should().Equal(ids);
        foreach (var id in ids) html.Should().Contain($" id=\"{id}\">");
        nav.Should().Contain("<li><a href=\"#mnist\">mnist</a><ol><li><a href=\"#tuning-curves\">Tuning curves</a></li><li><a href=\"#paired-comparisons\">");
    }

    [Fact]
    public void Numeric_cells_carry_the_key_the_script_sorts_by_with_misses_last_and_missing_values_empty()
    {
        var table = new ReportTable([new("optimizer"), new("steps", ColumnKind.Number), new("p", ColumnKind.Number)])
            .Add(ReportCell.Of("adam"), ReportCell.Number(1250, "N0", infinity: "missed"), ReportCell.PValue(0.0312))
            .Add(ReportCell.Of("sgd"), ReportCell.Number(double.PositiveInfinity, "N0", infinity: "missed"), ReportCell.PValue(0.00001234))
            .Add(ReportCell.Of("lion"), ReportCell.Number(null), ReportCell.PValue(null));
        var html = new ReportPage("t").Table(table).Render();

        html.Should().Contain("<table class=\"sortable\">").And.Contain("<th class=\"num\">steps</th>");
        html.Should().Contain("<td>adam</td><td class=\"num\" data-sort=\"1250\">1,250</td><td class=\"num\" data-sort=\"0.0312\">0.0312</td>");
        html.Should().Contain("<td>sgd</td><td class=\"num\" data-sort=\"Infinity\">missed</td><td class=\"num\" data-sort=\"1.234E-05\">1.2E-5</td>");
        html.Should().Contain("<td>lion</td><td class=\"num\" data-sort=\"\">–</td>");
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused()
    {
        var table = new ReportTable([new("a"), new("b")]);
        table.Invoking(t => t.Add(ReportCell.Of("only one"))).Should().Throw<ArgumentException>().WithMessage("*1 cells*2 columns (a, b)*");
    }

    [Fact]
    public void A_link_to_a_job_folder_is_relative_and_escaped_and_only_made_when_the_folder_exists()
    {
        var job = Directory.CreateDirectory(Path.Combine(folder, "runs", "my study", "sgd", "seed-11-0123456789ab")).FullName;
        var page = Path.Combine(folder, "runs", "my study");

        var link = ReportLink.ToFolder(page, job, "seed 11");

        link.Should().NotBeNull();
        link!.Href.Should().Be("sgd/seed-11-0123456789ab/");
        ReportLink.ToFolder(Path.Combine(folder, "report"), job, "seed 11")!.Href.Should().Be("../runs/my%20study/sgd/seed-11-0123456789ab/");
        ReportLink.ToFolder(page, Path.Combine(folder, "gone"), "seed 12").Should().BeNull();
    }

    [Fact]
    public void The_page_is_self_contained_and_written_where_asked()
    {
        var page = new ReportPage("t");
        page.Section("s");
        page.Image("curves-a.png", "curves", 900, 500);
        page.Table(new ReportTable([new("a", ColumnKind.Number)]).Add(ReportCell.Count(1)), collapsedAs: "1 row");

        var path = page.Write(Path.Combine(folder, "out"));

        path.Should().Be(Path.Combine(folder, "out", "report.html"));
        var html = File.ReadAllText(path);
        html.Should().NotContainAny("http://", "https://", "src=\"//", "<link ").And.Contain("<style>").And.Contain("<script>");
        html.Should().Contain("<img src=\"curves-a.png\" alt=\"curves\" width=\"900\" height=\"500\">");
        html.Should().Contain("<details><summary>1 row</summary>");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
