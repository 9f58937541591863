using System.Net;
using System.Text.Json;

namespace GradRetentionNet.Silo.Tests;

public sealed class OutputRootReadinessTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-silo-output-").FullName;

    [Fact]
    public async Task A_silo_whose_output_root_cannot_be_written_is_not_ready_and_says_why()
    {
        // Tests run as root, whom permissions do not stop: a regular file in the path does.
        var file = Path.Combine(folder, "volume");
        File.WriteAllText(file, "not a folder");
        var outputRoot = Path.Combine(file, "runs");
        using var silo = SiloProcess.Start(outputRoot, "token");

        // Until the silo has started, ready says "starting"; then it names the output root.
        var (status, body) = await ReadyOnceStarted(silo);
        status.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        using (var json = JsonDocument.Parse(body))
        {
            json.RootElement.GetProperty("status").GetString().Should().Be("not ready");
            json.RootElement.GetProperty("reason").GetString().Should().StartWith($"Silo:OutputRoot {outputRoot} cannot be written: {file} is a file (");
        }
        (await silo.Client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process is alive, only not ready");
        await silo.Client.GetAsync("/health/ready");
        silo.Output.Split('\n').Where(line => line.Contains("Silo:OutputRoot")).Should().ContainSingle("one warning line, not one per readiness request")
            .Which.Should().Contain("WRN").And.Contain(outputRoot);

        // Fixed while it runs: ready again, without a restart.
        File.Delete(file);
        (await silo.Client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.Exists(outputRoot).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(outputRoot).Should().BeEmpty("the probe file is deleted");
    }

    [Fact]
    public async Task A_silo_with_a_writable_output_root_is_ready()
    {
        using var silo = SiloProcess.Start(Path.Combine(folder, "runs"), "token");
        await silo.Ready();
        silo.Output.Should().NotContain("Silo:OutputRoot");
    }

    static async Task<(HttpStatusCode Status, string Body)> ReadyOnceStarted(GradRetentionNet.Testing.GrnSiloProcess silo)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (silo.Process.HasExited) throw new InvalidOperationException($"grn-silo exited with {silo.Process.ExitCode}: {silo.Output}");
            try
            {
                using var response = await silo.Client.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (!body.Contains("\"starting\"")) return (response.StatusCode, body);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"grn-silo did not finish starting in a minute: {silo.Output}");
            await Task.Delay(200);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
