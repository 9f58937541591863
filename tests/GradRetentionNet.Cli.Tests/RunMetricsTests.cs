using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GradRetentionNet.Cli.Tests;

public sealed class RunMetricsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-run-metrics-").FullName;

    [Fact]
    public async Task Metrics_port_serves_the_embedded_silos_metrics_while_the_sweep_runs()
    {
        var spec = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(spec, """
            name: watched
            datasets: [mnist-digits-10k]
            optimizers: [sgd]
            seeds: [1]
            epochs: 2
            limits: { max_train_samples: 3200, max_test_samples: 128 }
            """);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "grn.dll"), "run", spec, "--out", folder, "--metrics-port", port.ToString() })
            start.ArgumentList.Add(argument);
        using var grn = Process.Start(start)!;
        var output = grn.StandardOutput.ReadToEndAsync();
        var error = grn.StandardError.ReadToEndAsync();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var scrapes = new List<string>();
        while (!grn.HasExited && scrapes.Count < 2_000)
        {
            try
            {
                scrapes.Add(await client.GetStringAsync($"http://localhost:{port}/metrics"));
            }
            catch (HttpRequestException)
            {
                // not listening yet, or already closed
            }
            await Task.Delay(100);
        }
        grn.WaitForExit(TimeSpan.FromMinutes(3)).Should().BeTrue();
        grn.ExitCode.Should().Be(0, await error + await output);

        (await output).Should().Contain($"metrics: http://localhost:{port}/metrics");
        scrapes.Should().Contain(text => text.Contains($"grn_slots_total{{otel_scope_name=\"GradRetentionNet\",silo=\"{Environment.MachineName}\"}} 1"));
        scrapes.Should().Contain(text => text.Contains("grn_job_epoch{") && text.Contains("sweep=\"watched\""), "the job is seen training");
        scrapes.Should().Contain(text => text.Contains("orleans_") && text.Contains("dotnet_"));
    }

    [Fact]
    public void An_invalid_metrics_port_is_refused_before_anything_runs()
    {
        var (exitCode, output, error) = GrnProcess.Run("run", "examples/quick.yaml", "--metrics-port", "70000");
        exitCode.Should().Be(2);
        (output + error).Should().Contain("invalid --metrics-port 70000: must be 1 to 65535");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
