using System.Diagnostics;
using System.Text;

namespace GradRetentionNet.Testing;

/// <summary>
/// A real grn-silo process, configured only through its environment (GRN_ settings,
/// ASPNETCORE_URLS), with stdout and stderr captured together in <see cref="Output"/>.
/// Dispose kills it if it still runs.
/// </summary>
public sealed class GrnSiloProcess : IDisposable
{
    /// <summary>How long a one-shot command such as migrate may take.</summary>
    static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    readonly Process process;
    readonly HttpClient? client;
    readonly int? httpPort;
    readonly StringBuilder output = new();

    GrnSiloProcess(Process process, int? httpPort)
    {
        this.process = process;
        this.httpPort = httpPort;
        if (httpPort is not null) client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        // A null line marks the end of a stream: nothing to record.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts a long-running silo. <paramref name="httpPort"/> is the loopback port its
    /// ASPNETCORE_URLS (in <paramref name="environment"/>) listens on: it gives <see cref="Client"/>
    /// and <see cref="Ready"/>. Without it the test only watches the process, e.g. refuse to start.
    /// </summary>
    public static GrnSiloProcess Start(IReadOnlyDictionary<string, string> environment, int? httpPort = null) =>
        new(Process.Start(GrnSiloExecutable.StartInfo(environment, []))!, httpPort);

    /// <summary>Runs a command such as migrate to completion: its exit code, stdout and stderr apart.</summary>
    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Process.Start(GrnSiloExecutable.StartInfo(environment, arguments))!;
        // Both streams are read at once: a child blocks when a pipe nobody reads fills up.
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"grn-silo {string.Join(' ', arguments)} did not exit within {CommandTimeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, standardOutput.Result, standardError.Result);
    }

    public Process Process => process;

    /// <summary>The HTTP port given to <see cref="Start"/>.</summary>
    public int HttpPort => httpPort ?? throw NoHttpPort();

    /// <summary>A client of the silo's HTTP endpoints; a test may add headers or a timeout before its first request.</summary>
    public HttpClient Client => client ?? throw NoHttpPort();

    /// <summary>Stdout and stderr so far, line by line as they came.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Waits until /health/ready answers 200; throws, with the output, if the silo exits or a minute passes.</summary>
    public async Task Ready()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"grn-silo exited with {process.ExitCode}: {Output}");
            // Each probe gets a few seconds of its own, whatever the client's timeout: a silo still
            // starting may accept the connection and not answer yet.
            using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                using var response = await Client.GetAsync("/health/ready", probe.Token);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (probe.IsCancellationRequested)
            {
                // listening, not answering yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"grn-silo not ready in a minute: {Output}");
    }

    /// <summary>Waits for the process to exit by itself; true once it has, with all of its output read.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout)) return false;
        // The timed wait returns at exit, possibly before the asynchronous readers have delivered
        // the last lines; only the parameterless wait also waits for them.
        process.WaitForExit();
        return true;
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod: the silo shuts down gracefully.</summary>
    public void Terminate()
    {
        // Process.Kill only sends SIGKILL; the kill command sends the signal a graceful stop needs.
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
        client?.Dispose();
    }

    static InvalidOperationException NoHttpPort() => new("this grn-silo was started without an HTTP port");
}
