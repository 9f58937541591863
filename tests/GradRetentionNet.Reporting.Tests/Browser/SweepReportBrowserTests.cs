using GradRetentionNet.Reporting.Tests.Fixtures;
using Xunit.Abstractions;

namespace GradRetentionNet.Reporting.Tests.Browser;

/// <summary>A sweep's report in the browser: its curves and Grad-CAM maps load, its contents link, its table sorts and links to jobs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SweepReportBrowserTests(HeadlessChromium chromium, ITestOutputHelper output) : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("grn-sweep-report-").FullName;

    [Fact]
    public void The_sweep_report_loads_its_images_links_its_contents_and_sorts_its_table()
    {
        var sweep = new SweepFixture(root);
        var path = SweepReport.Write(sweep.ReportFolder, SweepFixture.Name, sweep.Results, sweep.Aggregate);
        var page = new ReportInBrowser(chromium.Driver, path);

        var (images, broken) = page.Images();
        images.Should().Be(3, "the curves and one Grad-CAM map for each optimizer's best job");
        broken.Should().BeEmpty();
        page.ContentsLinks().Should().OnlyContain(link => link.TargetExists);
        page.ContentsLinks().Select(link => link.Href.TrimStart('#')).Should().Equal(page.HeadingIds());

        var table = page.TableAfter("Final metric over seeds");
        var rows = ReportInBrowser.Column(table, 1).Count;
        rows.Should().Be(4);
        page.SortBy(table, "mean", "ascending");
        ReportInBrowser.Column(table, 4).Select(double.Parse).Should().BeInAscendingOrder();
        page.SortBy(table, "mean", "descending");
        ReportInBrowser.Column(table, 4).Select(double.Parse).Should().BeInDescendingOrder();
        page.SortBy(table, "optimizer", "ascending");
        ReportInBrowser.Column(table, 1).Should().Equal("enhanced-sgd", "enhanced-sgd", "sgd", "sgd");

        var links = table.FindElements(OpenQA.Selenium.By.CssSelector("tbody a"));
        links.Should().HaveCount(12, "one per seed of each row");
        links.Should().OnlyContain(a => Directory.Exists(new Uri(a.GetDomProperty("href")!).LocalPath));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "sweep-report-screenshot.png");
        page.SaveFullPageScreenshot(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
