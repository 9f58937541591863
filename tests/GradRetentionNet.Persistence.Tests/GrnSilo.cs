using System.Diagnostics;
using System.Text;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>The real grn-silo executable (built into this folder), configured through GRN_ environment variables.</summary>
internal sealed class GrnSilo : IDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    GrnSilo(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process => process;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn-silo.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return start;
    }

    /// <summary>
    /// The settings of a silo on PostgreSQL that migrates the schema as it starts, on free loopback
    /// ports, serving HTTP on <paramref name="httpPort"/> with the API token "token".
    /// </summary>
    public static Dictionary<string, string> OnPostgres(string connectionString, string clusterId, string outputRoot, int httpPort, int siloPort) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["GRN_Silo__ApiToken"] = "token",
        ["GRN_Silo__OutputRoot"] = outputRoot,
        ["GRN_Silo__Clustering"] = "postgres",
        ["GRN_Silo__ConnectionString"] = connectionString,
        ["GRN_Silo__ClusterId"] = clusterId,
        ["GRN_Silo__ServiceId"] = TestSilo.ServiceId,
        ["GRN_Silo__MigrateOnStart"] = "true",
        ["GRN_Silo__SiloPort"] = siloPort.ToString(),
        ["GRN_Silo__GatewayPort"] = GradRetentionNet.Grains.FreePorts.Next().ToString(),
    };

    /// <summary>Starts a long-running silo.</summary>
    public static GrnSilo Start(IReadOnlyDictionary<string, string> environment) => new(Process.Start(StartInfo(environment))!);

    /// <summary>Runs a command to completion, e.g. migrate.</summary>
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(environment, arguments))!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"grn-silo {string.Join(' ', arguments)} did not exit within a minute");
        }
        return (process.ExitCode, standardOutput.Result, standardError.Result);
    }

    /// <summary>Waits until /health/ready answers 200.</summary>
    public async Task Ready(int httpPort)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"grn-silo exited with {process.ExitCode}: {Output}");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"grn-silo not ready: {Output}");
    }

    /// <summary>Waits for the process to exit by itself, with all of its output read.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        process.WaitForExit(); // the parameterless wait also drains the asynchronous output readers
        return true;
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: the silo shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the silo gets no chance to tell the cluster it is leaving.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}
