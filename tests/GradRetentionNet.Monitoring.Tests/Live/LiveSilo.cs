using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Monitoring.Tests.Live;

/// <summary>
/// The real grn-silo executable (from this project's output, as the Silo tests start it) on free
/// loopback ports, with its API token, an output folder and a data root of the test's choosing,
/// and its output captured.
/// </summary>
internal sealed class LiveSilo : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    public LiveSilo(string outputRoot, string dataRoot, string token)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn-silo.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["GRN_Silo__ApiToken"] = token;
        start.Environment["GRN_Silo__OutputRoot"] = outputRoot;
        start.Environment["GRN_Silo__DataRoot"] = dataRoot;
        start.Environment["GRN_Silo__Slots"] = "1";
        start.Environment["GRN_Silo__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["GRN_Silo__GatewayPort"] = FreePorts.Next().ToString();
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client of the silo's HTTP endpoints that sends the bearer token.</summary>
    public HttpClient Client { get; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public async Task Ready()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"grn-silo exited with {process.ExitCode}: {Output}");
            try
            {
                if ((await Client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"grn-silo not ready in a minute: {Output}");
    }

    /// <summary>GET /metrics in the Prometheus text format: the status code and the body.</summary>
    public async Task<(int Status, string Body)> Scrape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("text/plain; version=0.0.4");
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        Client.Dispose();
    }
}
