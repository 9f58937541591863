using System.Diagnostics;
using System.Text;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Silo.Tests;

/// <summary>The real grn-silo executable on free loopback ports, with its output captured.</summary>
internal sealed class SiloProcess : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    /// <param name="environment">Further GRN_ settings, e.g. the log format.</param>
    public SiloProcess(string outputRoot, string? token, IReadOnlyDictionary<string, string>? environment = null)
    {
        Port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn-silo.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["GRN_Silo__OutputRoot"] = outputRoot;
        start.Environment["GRN_Silo__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["GRN_Silo__GatewayPort"] = FreePorts.Next().ToString();
        if (token is not null) start.Environment["GRN_Silo__ApiToken"] = token;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public Process Process => process;

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
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"grn-silo not ready: {Output}");
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
