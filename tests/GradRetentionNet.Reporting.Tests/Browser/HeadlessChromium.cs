using OpenQA.Selenium.Chrome;

namespace GradRetentionNet.Reporting.Tests.Browser;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver: one browser for every
/// browser test, started on first use. Nothing is downloaded: both paths are given, so Selenium
/// Manager has nothing to look for, and SE_OFFLINE forbids it the network should it run anyway.
/// Missing packages fail the test with the line that installs them.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverFolder = "/usr/bin";
    public const string DriverName = "chromedriver";
    public const int WindowWidth = 1400;
    public const int WindowHeight = 1000;

    ChromeDriver? driver;

    public ChromeDriver Driver => driver ??= Start();

    static ChromeDriver Start()
    {
        if (!File.Exists(BrowserPath) || !File.Exists(Path.Combine(DriverFolder, DriverName)))
            Assert.Fail($"{BrowserPath} or {Path.Combine(DriverFolder, DriverName)} is missing: install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver, as root; build/test.sh does)");
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            $"--window-size={WindowWidth},{WindowHeight}");
        var service = ChromeDriverService.CreateDefaultService(DriverFolder, DriverName);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public void Dispose() => driver?.Quit();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<HeadlessChromium>
{
    public const string Name = "headless chromium";
}
