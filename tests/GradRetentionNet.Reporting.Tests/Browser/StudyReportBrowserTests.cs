using System.Globalization;
using GradRetentionNet.Reporting.Tests.Fixtures;
using Xunit.Abstractions;

namespace GradRetentionNet.Reporting.Tests.Browser;

/// <summary>A real study report, written from a finished study's results and job folders, as a reader's browser shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudyReportBrowserTests(HeadlessChromium chromium, ITestOutputHelper output) : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("grn-study-report-").FullName;

    static readonly string[] Sections =
    [
        "Protocol", "Verdicts", "mnist-digits-10k", "fashion-mnist", "Tuning curves", "Hyperparameters against best validation",
        "Evaluation curves", "Final test metric and time to target", "Paired comparisons", "Performance profile",
    ];

    [Fact]
    public void The_study_report_loads_every_plot_links_its_contents_and_jobs_and_sorts_its_tables()
    {
        var study = new StudyFixture(Path.Combine(root, "runs"));
        var path = StudyReport.Write(study.ReportFolder, study.Study, study.Results);
        var page = new ReportInBrowser(chromium.Driver, path);

        var (images, broken) = page.Images();
        images.Should().Be(9, "per dataset the tuning curves, the lr and retention scatters (momentum never varied) and the evaluation curves; and the profile");
        broken.Should().BeEmpty();

        page.ContentsLinks().Should().OnlyContain(link => link.TargetExists);
        page.ContentsLinks().Select(link => link.Href.TrimStart('#')).Should().Equal(page.HeadingIds(), "every section is in the contents, in page order");
        page.HeadingTexts().Should().Contain(Sections);
        page.HeadingTexts().Where(h => h == "Evaluation curves").Should().HaveCount(2, "one per dataset");

        ReportInBrowser.Headers(page.FirstTable()).Should().Equal("dataset", "candidate", "best baseline", "verdict", "sentence");
        ReportInBrowser.Column(page.FirstTable(), 4).Should().OnlyContain(sentence => sentence.StartsWith("On ") && sentence.Contains(StudyFixture.Candidate));

        // Steps to target: numbers whose text order is not their numeric order, and "missed" (∞) last.
        var cells = page.TableAfter("Final test metric and time to target");
        var before = ReportInBrowser.Column(cells, 0);
        page.SortBy(cells, "steps to target", "ascending");
        var ascending = ReportInBrowser.Column(cells, 10).Select(Steps).ToList();
        ascending.Should().BeInAscendingOrder();
        page.SortBy(cells, "steps to target", "descending");
        ReportInBrowser.Column(cells, 10).Select(Steps).Should().BeInDescendingOrder();
        ReportInBrowser.Column(cells, 0).Should().BeEquivalentTo(before, "sorting moves whole rows");

        var link = cells.FindElement(OpenQA.Selenium.By.CssSelector("tbody tr td:last-child a"));
        link.GetDomAttribute("href").Should().NotStartWith("/").And.NotContain(":", "the link is relative to the report");
        Directory.Exists(new Uri(link.GetDomProperty("href")!).LocalPath).Should().BeTrue();

        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        page.SaveFullPageScreenshot(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
        new FileInfo(screenshot).Length.Should().BeGreaterThan(100_000);
    }

    static double Steps(string text) => text == "missed" ? double.PositiveInfinity : double.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
