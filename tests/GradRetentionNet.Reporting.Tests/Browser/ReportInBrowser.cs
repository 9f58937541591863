using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace GradRetentionNet.Reporting.Tests.Browser;

/// <summary>A report page opened from its file in the browser, and what the tests read off it.</summary>
public sealed class ReportInBrowser
{
    readonly ChromeDriver driver;

    public ReportInBrowser(ChromeDriver driver, string path)
    {
        this.driver = driver;
        driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
        Wait.Until(d => Script<string>("return document.readyState") == "complete");
    }

    WebDriverWait Wait => new(driver, TimeSpan.FromSeconds(15));

    public T Script<T>(string script, params object[] arguments) => (T)driver.ExecuteScript(script, arguments)!;

    /// <summary>The images not loaded once every image has finished trying (src of each; none when all loaded), and how many there are.</summary>
    public (int Count, IReadOnlyList<string> Broken) Images()
    {
        Wait.Until(_ => Script<bool>("return Array.from(document.images).every(i => i.complete)"));
        var broken = Script<IReadOnlyCollection<object>>("return Array.from(document.images).filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src'))");
        return ((int)Script<long>("return document.images.length"), broken.Cast<string>().ToList());
    }

    /// <summary>The contents' links, each with whether its target id exists on the page.</summary>
    public IReadOnlyList<(string Href, bool TargetExists)> ContentsLinks() =>
        Script<IReadOnlyCollection<object>>("return Array.from(document.querySelectorAll('nav#contents a')).map(a => [a.getAttribute('href'), document.getElementById(a.getAttribute('href').slice(1)) !== null])")
            .Cast<IReadOnlyCollection<object>>().Select(pair => ((string)pair.First(), (bool)pair.Last())).ToList();

    /// <summary>The ids of the page's h2 and h3 headings, in order.</summary>
    public IReadOnlyList<string> HeadingIds() =>
        Script<IReadOnlyCollection<object>>("return Array.from(document.querySelectorAll('h2, h3')).map(h => h.id)").Cast<string>().ToList();

    public IReadOnlyList<string> HeadingTexts() =>
        Script<IReadOnlyCollection<object>>("return Array.from(document.querySelectorAll('h2, h3')).map(h => h.textContent)").Cast<string>().ToList();

    /// <summary>The first table after the heading with this text.</summary>
    public IWebElement TableAfter(string heading) =>
        driver.FindElement(By.XPath($"//*[self::h2 or self::h3][normalize-space()='{heading}']/following::table[1]"));

    public IWebElement FirstTable() => driver.FindElement(By.CssSelector("table"));

    public static IReadOnlyList<string> Headers(IWebElement table) =>
        table.FindElements(By.CssSelector("thead th")).Select(th => th.GetDomProperty("textContent")!).ToList();

    public static IReadOnlyList<string> Column(IWebElement table, int index) =>
        table.FindElements(By.CssSelector("tbody tr")).Select(row => row.FindElements(By.TagName("td"))[index].GetDomProperty("textContent")!.Trim()).ToList();

    /// <summary>Clicks a header and waits until the script has marked it sorted that way.</summary>
    public void SortBy(IWebElement table, string header, string direction)
    {
        var th = table.FindElements(By.CssSelector("thead th")).Single(h => h.GetDomProperty("textContent") == header);
        th.Click();
        Wait.Until(_ => th.GetDomAttribute("aria-sort") == direction);
    }

    /// <summary>The whole page (beyond the window) as a PNG, through Chromium's DevTools screenshot.</summary>
    public void SaveFullPageScreenshot(string path)
    {
        var size = Script<IReadOnlyCollection<object>>("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]").Cast<long>().ToList();
        var shot = (Dictionary<string, object>)driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = size[0], ["height"] = size[1], ["scale"] = 1 },
        })!;
        File.WriteAllBytes(path, Convert.FromBase64String((string)shot["data"]));
    }
}
