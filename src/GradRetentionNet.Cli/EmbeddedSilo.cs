using System.Security.Cryptography;
using GradRetentionNet.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace GradRetentionNet.Cli;

/// <summary>
/// The silo <c>grn run</c> starts in-process: the same composition as <c>grn-silo</c>
/// (<see cref="SiloHostExtensions"/>) with its defaults — localhost clustering and in-memory
/// storage, so it needs nothing installed — its HTTP endpoints on loopback only, and warnings only
/// in its log, which shares the terminal with the sweep's progress.
/// </summary>
internal static class EmbeddedSilo
{
    /// <param name="api">Serve the sweep API at 127.0.0.1:Port with this token; without it the API demands a random token nobody has.</param>
    /// <param name="metricsPort">Serve /metrics (and the health endpoints) at localhost:PORT.</param>
    public static WebApplication Build(int slots, string? dataRoot, string outputRoot, (int Port, string Token)? api, int? metricsPort)
    {
        // Content root is grn's own folder: an appsettings.json in the user's working folder is not grn run's configuration.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{SiloOptions.Section}:{nameof(SiloOptions.Slots)}"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{SiloOptions.Section}:{nameof(SiloOptions.DataRoot)}"] = dataRoot,
            [$"{SiloOptions.Section}:{nameof(SiloOptions.OutputRoot)}"] = outputRoot,
            [$"{SiloOptions.Section}:{nameof(SiloOptions.ApiToken)}"] = api?.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            [$"{SiloOptions.Section}:{nameof(SiloOptions.LogFormat)}"] = "console",
            // One process on loopback: no transport to secure, and no certificate files to ask the
            // user for, whatever Silo__Tls__* the environment carries.
            [$"{SiloOptions.Section}:{nameof(SiloOptions.Tls)}:{nameof(SiloTlsOptions.Enabled)}"] = "false",
            [$"{SiloLogging.LevelSection}:Default"] = "Warning",
            // Orleans' start-up notes (ServerGC, watchdog) are noise for a local run.
            [$"{SiloLogging.LevelSection}:Override:Orleans"] = "Error",
        });
        builder.WebHost.UseUrls([.. Urls(api?.Port, metricsPort)]);
        builder.AddGradRetentionNetSilo();
        var app = builder.Build();
        app.MapGradRetentionNetSilo();
        return app;
    }

    static IEnumerable<string> Urls(int? apiPort, int? metricsPort)
    {
        if (apiPort is { } port) yield return $"http://127.0.0.1:{port}";
        if (metricsPort is { } metrics && metrics != apiPort) yield return $"http://localhost:{metrics}";
        // Neither asked for: a free loopback port, so the silo's endpoints never clash with another run's.
        if (apiPort is null && metricsPort is null) yield return "http://127.0.0.1:0";
    }
}
