using System.Net;
using System.Text;

namespace GradRetentionNet.Cli.Tests;

/// <summary>A cluster that answers 503 while it changes membership is asked again, not reported as a failure.</summary>
public sealed class UnavailableClusterTests
{
    [Fact]
    public async Task Grn_repeats_a_request_the_cluster_answered_503_and_then_succeeds()
    {
        var port = GradRetentionNet.Grains.FreePorts.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var answered = 0;
        var server = Task.Run(async () =>
        {
            while (answered < 3)
            {
                var context = await listener.GetContextAsync();
                var unavailable = ++answered < 3;
                context.Response.StatusCode = unavailable ? 503 : 200;
                var body = unavailable
                    ? """{"error":"the cluster could not answer just now (OrleansMessageRejectionException): try again in a few seconds"}"""
                    : """{"name":"s","state":"running","counts":{},"jobs":[]}""";
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        var (exitCode, output, error) = GrnProcess.Run("status", "s", "--server", $"http://127.0.0.1:{port}", "--token", "t");

        exitCode.Should().Be(0, error);
        output.Should().Contain("s: running, 0 jobs");
        answered.Should().Be(3, "two 503s, then the answer");
        await server;
    }
}
