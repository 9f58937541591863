using System.Text.Json;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>
/// deploy/rehearse.sh end to end, as an operator runs it: its own PostgreSQL, two grn-silo processes
/// with the chart's settings and mutual TLS, the sweep submitted and followed with the grn CLI,
/// one silo SIGKILLed while it trains, everything torn down. Runs the binaries this test was built with.
/// </summary>
[Collection(PostgresCollection.Name)] // not for its database (it starts its own): to run alone, as the other cluster tests do
public sealed class RehearsalTests : IDisposable
{
    readonly TemporaryFolder output = new("grn-rehearsal-out-");

    static string Binary(string name) => Path.Combine(AppContext.BaseDirectory, name);

    static List<JsonElement> Jobs(string statusFile)
    {
        using var status = JsonDocument.Parse(File.ReadAllText(statusFile));
        return [.. status.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.Clone())];
    }

    static string Id(JsonElement job) => job.GetProperty("job_id").GetString()!;

    [Fact]
    public void The_rehearsal_with_two_tls_silos_completes_its_sweep_when_one_silo_is_killed_mid_sweep()
    {
        var run = ToolRun.Start("bash",
            [Repository.Path("deploy/rehearse.sh"), "2", "--kill-one", "--silo", Binary("grn-silo.dll"), "--cli", Binary("grn.dll"), "--out", output.Path],
            Repository.Root, TimeSpan.FromMinutes(5));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("rehearsal of 2 silo(s) on loopback: PostgreSQL clustering, mutual TLS")
            .And.Contain("rehearsal: completed, 6 jobs: 6 completed");

        // Every job completed, and each has its result on the shared output root exactly once.
        using (var status = JsonDocument.Parse(File.ReadAllText(output.File("status.json"))))
            status.RootElement.GetProperty("state").GetString().Should().Be("completed");
        var jobs = Jobs(output.File("status.json"));
        jobs.Should().HaveCount(6).And.OnlyContain(j => j.GetProperty("state").GetString() == "completed");
        Directory.GetFiles(output.File("runs"), "result.json", SearchOption.AllDirectories).Should().HaveCount(6);
        var aggregate = File.ReadAllLines(output.File("results/aggregate.csv"));
        aggregate.Should().HaveCount(3, "a header, then sgd and adam");
        aggregate.Skip(1).Should().OnlyContain(row => row.Split(',')[4] == "3" && row.Split(',')[5] == "3", "completed = total = 3 seeds per optimizer");

        // The killed silo's jobs were charged an attempt and finished on the survivor.
        var killed = File.ReadAllText(output.File("killed.txt")).Trim().Split(' ')[1]; // "silo-1 127.0.0.1:PORT"
        var lost = Jobs(output.File("status-at-kill.json"))
            .Where(j => j.GetProperty("state").GetString() == "running" && j.GetProperty("silo").GetString()!.StartsWith($"{killed}@"))
            .Select(Id).ToHashSet();
        lost.Should().NotBeEmpty("the silo was killed while it trained");
        jobs.Where(j => lost.Contains(Id(j))).Should().OnlyContain(j => j.GetProperty("attempts").GetInt32() == 2 && !j.GetProperty("silo").GetString()!.StartsWith($"{killed}@"));

        // Both silos ran with TLS on their Orleans ports, and the teardown left nothing behind.
        foreach (var log in new[] { "silo-0.log", "silo-1.log" })
            File.ReadAllText(output.File($"logs/{log}")).Should().Contain("Mutual TLS on the silo and gateway ports");
        var scratch = run.Output.Split('\n').Single(l => l.StartsWith("  scratch ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..3];
        scratch.Should().OnlyContain(folder => folder.StartsWith(Path.GetTempPath().TrimEnd('/') + "/grn-rehearsal") && !Directory.Exists(folder),
            "the rehearsal deletes its folders (its PostgreSQL's data among them) on exit");
    }

    public void Dispose() => output.Dispose();
}
