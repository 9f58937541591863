using System.Diagnostics;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests;

/// <summary>grn submit / status / results / cancel / retry-failed against a real silo, through its HTTP API only.</summary>
public sealed class ClientVerbTests : IDisposable
{
    const string Token = "another-test-token";
    readonly string folder = Directory.CreateTempSubdirectory("grn-client-").FullName;

    static (int ExitCode, string Output, string Error) Grn(GrnSiloProcess silo, string? token, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "grn.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GRN_SERVER"] = $"http://127.0.0.1:{silo.HttpPort}";
        if (token is not null) start.Environment["GRN_TOKEN"] = token;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(180_000).Should().BeTrue();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public async Task A_user_submits_watches_and_reads_results_without_database_credentials()
    {
        using var silo = SiloProcess.Start(Path.Combine(folder, "runs"), Token);
        await silo.Ready();
        var spec = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(spec, """
            name: via-api
            datasets: [mnist-digits-10k]
            optimizers: [sgd, enhanced-sgd]
            seeds: [1, 2]
            epochs: 1
            limits: { max_train_samples: 256, max_test_samples: 128 }
            """);

        var submit = Grn(silo, Token, "submit", spec, "--watch");
        submit.ExitCode.Should().Be(0, submit.Error);
        submit.Output.Should().Contain("via-api: completed, 4 jobs: 4 completed");

        var csv = Grn(silo, Token, "results", "via-api", "--format", "csv");
        csv.ExitCode.Should().Be(0, csv.Error);
        var lines = csv.Output.Trim().Split('\n');
        lines[0].Should().StartWith("dataset,model,optimizer,grid,completed,total,mean,sd,ci_lower,ci_upper");
        lines.Should().HaveCount(3);
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith("mnist-digits-10k,simple-cnn,") && l.Contains(",2,2,"));

        var reportFolder = Path.Combine(folder, "report");
        var report = Grn(silo, Token, "report", "via-api", "--out", reportFolder);
        report.ExitCode.Should().Be(0, report.Error);
        report.Output.Should().Contain(Path.Combine(reportFolder, "report.html"));
        File.ReadAllText(Path.Combine(reportFolder, "report.html")).Should().Contain("enhanced-sgd").And.Contain("<img");
        Directory.GetFiles(reportFolder, "*.png").Should().NotBeEmpty("the curves are drawn from results fetched over the API");
        File.ReadAllText(Path.Combine(reportFolder, "aggregate.json")).Should().Contain("\"optimizer\": \"enhanced-sgd\"");

        Grn(silo, Token, "status", "via-api").Output.Should().Contain("via-api: completed");
        var jobs = Grn(silo, Token, "status", "via-api", "--jobs");
        jobs.ExitCode.Should().Be(0, jobs.Error);
        jobs.Output.Split('\n').Count(l => l.Contains("│ mnist-digits-10k │") && l.Contains("│ completed │")).Should().Be(4, "one row per job, each with its state");
        Grn(silo, Token, "results", "via-api").Output.Should().Contain("enhanced-sgd");
        Grn(silo, Token, "retry-failed", "via-api").ExitCode.Should().Be(0);
        Grn(silo, Token, "cancel", "via-api").ExitCode.Should().Be(0);

        var unknown = Grn(silo, Token, "status", "nope");
        unknown.ExitCode.Should().Be(2);
        unknown.Error.Trim().Should().Be("error: no sweep named 'nope'");
        var wrongToken = Grn(silo, "wrong", "status", "via-api");
        wrongToken.ExitCode.Should().Be(2);
        wrongToken.Error.Trim().Should().Be($"error: http://127.0.0.1:{silo.HttpPort}/ refused the token: set --token or GRN_TOKEN to the silos' Silo:ApiToken");
        Grn(silo, null, "status", "via-api").Error.Trim().Should().Be("error: no API token: set --token or GRN_TOKEN");
    }

    [Fact]
    public void An_unreachable_server_is_one_line_and_exit_1()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "grn.dll"), "status", "x", "--server", $"http://127.0.0.1:{GradRetentionNet.Grains.FreePorts.Next()}", "--token", "t" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(1);
        error.Trim().Should().StartWith("error: cannot reach http://127.0.0.1:").And.EndWith("(is a silo running there? set --server or GRN_SERVER)");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
