using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests;

/// <summary>The settings these tests start grn-silo with: a standalone silo on free loopback ports.</summary>
internal static class SiloProcess
{
    /// <param name="token">The API token; null to see the silo refuse to start without one.</param>
    /// <param name="environment">Further GRN_ settings, e.g. the log format.</param>
    public static GrnSiloProcess Start(string outputRoot, string? token, IReadOnlyDictionary<string, string>? environment = null)
    {
        var httpPort = FreePorts.Next();
        var settings = Settings(outputRoot, token, httpPort);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) settings[name] = value;
        return GrnSiloProcess.Start(settings, httpPort);
    }

    /// <summary>The environment of a standalone silo serving HTTP on <paramref name="httpPort"/>, to add to or override.</summary>
    public static Dictionary<string, string> Settings(string outputRoot, string? token, int httpPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["GRN_Silo__OutputRoot"] = outputRoot,
            ["GRN_Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["GRN_Silo__GatewayPort"] = FreePorts.Next().ToString(),
        };
        if (token is not null) settings["GRN_Silo__ApiToken"] = token;
        return settings;
    }
}
