using System.Diagnostics;
using System.Net;
using System.Text;

namespace GradRetentionNet.Cli.Tests;

/// <summary>The client verbs talk to a cluster through the contracts and the API: they never load libtorch.</summary>
public sealed class ClientVerbFootprintTests
{
    [Fact]
    public async Task Grn_status_watching_a_sweep_does_not_load_libtorch()
    {
        var port = GradRetentionNet.Grains.FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var context = await listener.GetContextAsync().WaitAsync(stop.Token);
                var bytes = Encoding.UTF8.GetBytes("""{"name":"s","state":"running","counts":{"running":1},"jobs":null}""");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
                Interlocked.Increment(ref answered);
            }
        });

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "grn.dll"), "status", "s", "--watch", "--server", $"http://127.0.0.1:{port}", "--token", "t" })
            start.ArgumentList.Add(argument);
        using var grn = Process.Start(start)!;
        var output = grn.StandardOutput.ReadToEndAsync();
        try
        {
            // Two answers: grn has started, parsed, called the API and is in its watch loop.
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (Volatile.Read(ref answered) < 2 && !grn.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
            grn.HasExited.Should().BeFalse("grn status --watch follows a running sweep");
            var maps = await File.ReadAllTextAsync($"/proc/{grn.Id}/maps");

            maps.Should().Contain("libcoreclr", "the process map is readable");
            maps.Should().NotContain("libtorch").And.NotContain("LibTorchSharp");
        }
        finally
        {
            grn.Kill(entireProcessTree: true);
            await grn.WaitForExitAsync();
            await stop.CancelAsync();
            listener.Stop();
        }
        (await output).Should().Contain("s: running, 1 jobs");
        await server.ContinueWith(_ => { }); // ended by the stop above
    }
}
