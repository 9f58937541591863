using System.Net.Http.Headers;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Monitoring.Tests.Live;

/// <summary>
/// The real grn-silo as the live metrics test runs it: one slot, on free loopback ports, with its
/// API token, an output folder and a data root of the test's choosing.
/// </summary>
internal static class LiveSilo
{
    public static GrnSiloProcess Start(string outputRoot, string dataRoot, string token)
    {
        var httpPort = FreePorts.Next();
        var silo = GrnSiloProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["GRN_Silo__ApiToken"] = token,
            ["GRN_Silo__OutputRoot"] = outputRoot,
            ["GRN_Silo__DataRoot"] = dataRoot,
            ["GRN_Silo__Slots"] = "1",
            ["GRN_Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["GRN_Silo__GatewayPort"] = FreePorts.Next().ToString(),
        }, httpPort);
        // Every request of the test carries the token; a scrape that hangs fails in 30 s, not 100.
        silo.Client.Timeout = TimeSpan.FromSeconds(30);
        silo.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return silo;
    }

    /// <summary>GET /metrics in the Prometheus text format: the status code and the body.</summary>
    public static async Task<(int Status, string Body)> Scrape(this GrnSiloProcess silo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("text/plain; version=0.0.4");
        using var response = await silo.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
