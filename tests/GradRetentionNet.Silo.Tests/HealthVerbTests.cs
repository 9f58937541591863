using System.Net;
using System.Net.Sockets;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests;

/// <summary>grn-silo health, the images' HEALTHCHECK: against a real HTTP listener and a real silo.</summary>
public sealed class HealthVerbTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-health-").FullName;

    /// <summary>A loopback HTTP server that answers every request with <paramref name="status"/>.</summary>
    sealed class Answering : IDisposable
    {
        readonly HttpListener listener = new();

        public Answering(HttpStatusCode status)
        {
            var root = $"http://127.0.0.1:{FreePorts.Next()}/";
            Url = root + "health/live";
            listener.Prefixes.Add(root);
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    Requests.Add(context.Request.Url!.AbsolutePath);
                    context.Response.StatusCode = (int)status;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public List<string> Requests { get; } = [];

        public void Dispose() => listener.Close();
    }

    static async Task<(int ExitCode, string Output, string Error)> Health(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HealthCommand.RunAsync(arguments, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_2xx_answer_is_healthy_with_one_line()
    {
        using var server = new Answering(HttpStatusCode.NoContent);

        var (exitCode, output, error) = await Health("--url", server.Url);

        exitCode.Should().Be(0, error);
        output.Should().Be($"healthy: GET {server.Url} answered 204 No Content{Environment.NewLine}");
        server.Requests.Should().Equal("/health/live");
    }

    [Fact]
    public async Task A_503_answer_is_unhealthy_with_one_line_naming_it()
    {
        using var server = new Answering(HttpStatusCode.ServiceUnavailable);

        var (exitCode, output, error) = await Health($"--url={server.Url}");

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"unhealthy: GET {server.Url} answered 503 Service Unavailable{Environment.NewLine}");
    }

    [Fact]
    public async Task Nothing_listening_is_unhealthy_with_the_reason()
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}/health/live";

        var (exitCode, _, error) = await Health("--url", url);

        exitCode.Should().Be(1);
        error.Should().StartWith($"unhealthy: GET {url} failed: ").And.Contain("refused");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public async Task A_listener_that_never_answers_is_unhealthy_after_the_timeout_not_killed_without_a_reason()
    {
        // Accepts the connection (the kernel's backlog) and never reads or answers.
        using var silent = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/health/live";

        var (exitCode, _, error) = await Health("--url", url);

        exitCode.Should().Be(1);
        error.Should().Be($"unhealthy: GET {url} gave no answer within {HealthCommand.Timeout.TotalSeconds:0} s{Environment.NewLine}");
    }

    [Theory]
    [InlineData("--url")]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://127.0.0.1/health/live")]
    [InlineData("--port", "8080")]
    public async Task Bad_arguments_exit_1_with_the_usage(params string[] arguments)
    {
        var (exitCode, output, error) = await Health(arguments);

        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().StartWith("error: grn-silo health takes [--url http://HOST:PORT/PATH]");
    }

    [Fact]
    public void The_default_url_is_the_containers_http_port_live_endpoint()
    {
        // The images listen on 8080 (ASPNETCORE_URLS) and their HEALTHCHECK runs `grn-silo health` bare.
        HealthCommand.DefaultUrl.Should().Be("http://127.0.0.1:8080/health/live");
    }

    [Fact]
    public async Task The_grn_silo_executable_reports_a_running_silo_healthy_and_a_stopped_one_not()
    {
        string url;
        using (var silo = SiloProcess.Start(Path.Combine(folder, "runs"), "health-token"))
        {
            await silo.Ready();
            url = $"http://127.0.0.1:{silo.HttpPort}/health/live";

            var healthy = GrnSiloProcess.Run(new Dictionary<string, string>(), "health", "--url", url);

            healthy.ExitCode.Should().Be(0, healthy.Error);
            healthy.Output.Should().Be($"healthy: GET {url} answered 200 OK\n");
        }

        var stopped = GrnSiloProcess.Run(new Dictionary<string, string>(), "health", "--url", url);
        stopped.ExitCode.Should().Be(1);
        stopped.Error.Should().StartWith($"unhealthy: GET {url} failed: ");
        stopped.Error.Trim().Split('\n').Should().HaveCount(1);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
