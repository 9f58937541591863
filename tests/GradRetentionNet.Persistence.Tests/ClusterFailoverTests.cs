using System.Text.Json;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>
/// PostgreSQL plus three real grn-silo processes on loopback, training real jobs: a silo killed
/// with SIGKILL mid-sweep and mid-study, and every silo killed and started again mid-sweep.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(PostgresFixture postgres) : IDisposable
{
    readonly string outputRoot = Directory.CreateTempSubdirectory("grn-failover-").FullName;
    readonly List<GrnSiloProcess> silos = [];

    /// <summary>One node of the test cluster: its process, HTTP port and Orleans silo port (which names it in job rows).</summary>
    sealed record Node(GrnSiloProcess Silo, int HttpPort, int SiloPort)
    {
        public bool Runs(JsonElement job) => job.GetProperty("silo").GetString() is { } address && address.Contains($":{SiloPort}@");
    }

    async Task<Node> StartNode(string database, string cluster, int index, int? siloPort = null)
    {
        var (httpPort, port) = (FreePorts.Next(), siloPort ?? FreePorts.Next());
        var settings = SiloSettings.OnPostgres(database, cluster, outputRoot, httpPort, port);
        settings["GRN_Silo__Name"] = $"silo-{index}";
        settings["GRN_Silo__Slots"] = "1";
        // Three nodes share this machine's cores: each trains on one thread instead of all of them
        // (a silo gives each slot its share of the processors it sees), which would oversubscribe.
        settings["DOTNET_PROCESSOR_COUNT"] = "1";
        // A dead silo is declared dead within a few seconds rather than Orleans' default half minute.
        settings["GRN_Orleans__Membership__ProbeTimeout"] = "00:00:01";
        settings["GRN_Orleans__Membership__NumMissedProbesLimit"] = "2";
        settings["GRN_Orleans__Membership__NumVotesForDeathDeclaration"] = "1";
        // After a whole-cluster crash nobody is left to vote the old silos dead: a joining silo
        // ignores rows whose I-am-alive is older than limit × period (default 2 × 5 min).
        settings["GRN_Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02";
        settings["GRN_Orleans__Membership__NumMissedTableIAmAliveLimit"] = "2";
        var silo = GrnSiloProcess.Start(settings, httpPort);
        silos.Add(silo);
        await silo.Ready();
        return new Node(silo, httpPort, port);
    }

    async Task<List<Node>> StartCluster(string database, string cluster, IReadOnlyList<int>? siloPorts = null)
    {
        // The first migrates the schema; the others join the cluster it founded.
        var nodes = new List<Node> { await StartNode(database, cluster, 0, siloPorts?[0]) };
        nodes.AddRange(await Task.WhenAll(Enumerable.Range(1, 2).Select(i => StartNode(database, cluster, i, siloPorts?[i]))));
        return nodes;
    }

    static HttpClient Api(Node node) => SweepApiCalls.Api(node.HttpPort);

    static Task<JsonElement> Status(HttpClient api, string sweep) => api.Get($"/api/sweeps/{sweep}");

    static IEnumerable<JsonElement> Jobs(JsonElement status) => status.GetProperty("jobs").EnumerateArray();

    static string State(JsonElement job) => job.GetProperty("state").GetString()!;

    /// <summary>
    /// Running with an epoch checkpointed and at least two still to train (of <see cref="Epochs"/>):
    /// a job that cannot finish in the moment between a status read and a kill, so what the test
    /// then asserts about it (lost, resumed) is certain.
    /// </summary>
    static bool MidRun(JsonElement job) => State(job) == "running" && job.GetProperty("epochs_done").GetInt32() is >= 1 and <= Epochs - 2;

    const int Epochs = 4;

    async Task<JsonElement> Until(HttpClient api, string sweep, Func<JsonElement, bool> condition, TimeSpan within, string what)
    {
        JsonElement status = default;
        try
        {
            await TestSilo.Eventually(async () =>
            {
                try
                {
                    return condition(status = await Status(api, sweep));
                }
                catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                {
                    return false; // the cluster asked to retry (a silo joining or leaving), as grn does
                }
            }, within, what);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            // What the silos logged is what explains a failure here.
            throw new InvalidOperationException($"{e.Message}\n{string.Join("\n", silos.Select((s, i) => $"--- silo process {i}:\n{Tail(s.Output)}"))}", e);
        }
        return status;
    }

    static string Tail(string output) => string.Join("\n", output.Split('\n').TakeLast(40));

    /// <summary>The resumptions recorded in a job's result.json: epochs complete when it picked up again.</summary>
    static List<int> ResumedAt(JsonElement job)
    {
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(job.GetProperty("output_directory").GetString()!, "result.json")));
        return result.RootElement.GetProperty("resumes").EnumerateArray().Select(r => r.GetProperty("epoch").GetInt32()).ToList();
    }

    static string Spec(string name, int seeds) => $$"""
        name: {{name}}
        datasets: [mnist-digits-10k]
        optimizers: [sgd, adam]
        seeds: [{{string.Join(", ", Enumerable.Range(1, seeds))}}]
        epochs: {{Epochs}}
        limits: { max_train_samples: 512, max_test_samples: 128 }
        max_attempts: 3
        """;

    [Fact]
    public async Task A_silo_killed_mid_sweep_loses_no_job_and_its_jobs_resume_from_their_checkpoint_epoch()
    {
        var database = await postgres.EmptyDatabaseAsync("failover");
        var nodes = await StartCluster(database, "failover");
        using var api = Api(nodes[0]);
        await api.Submit(Spec("survives", seeds: 3)); // 6 jobs on 3 slots

        // Kill a silo (not the one we talk to) while it trains a job that has checkpointed an epoch.
        var running = await Until(api, "survives",
            s => Jobs(s).Any(j => MidRun(j) && nodes.Skip(1).Any(n => n.Runs(j))),
            TimeSpan.FromMinutes(3), "a job on silo 1 or 2 finished an epoch");
        var victim = nodes.Skip(1).First(n => Jobs(running).Any(j => MidRun(j) && n.Runs(j)));
        victim.Silo.Kill();
        var lost = Jobs(running).Where(j => State(j) == "running" && victim.Runs(j))
            .ToDictionary(j => j.GetProperty("job_id").GetString()!, j => j.GetProperty("epochs_done").GetInt32());

        var status = await Until(api, "survives", s => s.GetProperty("state").GetString() != "running", TimeSpan.FromMinutes(5), "the sweep finished");

        status.GetProperty("state").GetString().Should().Be("completed");
        Jobs(status).Should().HaveCount(6).And.OnlyContain(j => State(j) == "completed");
        Directory.GetFiles(Path.Combine(outputRoot, "survives"), "result.json", SearchOption.AllDirectories)
            .Should().HaveCount(6, "every job's result exists exactly once");
        foreach (var job in Jobs(status).Where(j => lost.ContainsKey(j.GetProperty("job_id").GetString()!)))
        {
            var checkpointed = lost[job.GetProperty("job_id").GetString()!];
            job.GetProperty("attempts").GetInt32().Should().Be(2, "the attempt lost with its silo is charged, the next one finished");
            victim.Runs(job).Should().BeFalse("it finished on a surviving silo");
            ResumedAt(job).Should().ContainSingle().Which.Should().BeGreaterThanOrEqualTo(checkpointed,
                "the job picked up from the epoch it had checkpointed on the killed silo, not from scratch");
            job.GetProperty("resumed_at_epoch").GetInt32().Should().Be(ResumedAt(job)[0]);
        }
        Jobs(status).Where(j => !lost.ContainsKey(j.GetProperty("job_id").GetString()!))
            .Should().OnlyContain(j => j.GetProperty("attempts").GetInt32() == 1 && ResumedAt(j).Count == 0);
    }

    [Fact]
    public async Task A_silo_stopped_with_sigterm_hands_its_jobs_back_mid_epoch_without_charging_an_attempt()
    {
        var database = await postgres.EmptyDatabaseAsync("handback");
        var nodes = await StartCluster(database, "handback");
        using var api = Api(nodes[0]);
        await api.Submit(Spec("handed-back", seeds: 3)); // 6 jobs on 3 slots

        // Stopped while a job is mid-run (an epoch done, two to go), not after a fixed delay: a short
        // job could finish within any delay on a fast run, leaving nothing to hand back.
        var running = await Until(api, "handed-back", s => Jobs(s).Any(j => MidRun(j) && nodes[1].Runs(j)),
            TimeSpan.FromMinutes(2), "a job on silo 1 finished an epoch");
        var handedBack = Jobs(running).Where(j => State(j) == "running" && nodes[1].Runs(j))
            .Select(j => j.GetProperty("job_id").GetString()!).ToHashSet();
        nodes[1].Silo.Terminate();
        nodes[1].Silo.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue("the silo stops once its jobs are handed back");
        nodes[1].Silo.Process.ExitCode.Should().Be(0, nodes[1].Silo.Output);

        var status = await Until(api, "handed-back", s => s.GetProperty("state").GetString() != "running", TimeSpan.FromMinutes(5), "the sweep finished");

        status.GetProperty("state").GetString().Should().Be("completed");
        Jobs(status).Should().OnlyContain(j => State(j) == "completed" && j.GetProperty("attempts").GetInt32() == 1, "a hand-back is not charged");
        var resumed = Jobs(status).Where(j => ResumedAt(j).Count > 0).ToList();
        resumed.Should().NotBeEmpty().And.OnlyContain(j => handedBack.Contains(j.GetProperty("job_id").GetString()!) && !nodes[1].Runs(j),
            "the stopping silo's jobs went on elsewhere from their hand-back checkpoint");
    }

    [Fact]
    public async Task A_sweep_goes_on_from_its_persisted_state_when_every_silo_is_restarted()
    {
        var database = await postgres.EmptyDatabaseAsync("restart");
        var nodes = await StartCluster(database, "restart");
        using (var api = Api(nodes[0]))
        {
            await api.Submit(Spec("restarted", seeds: 4)); // 8 jobs on 3 slots
            var before = await Until(api, "restarted",
                s => Jobs(s).Count(j => State(j) == "completed") >= 1 && Jobs(s).Any(MidRun),
                TimeSpan.FromMinutes(3), "a job completed and another checkpointed an epoch");
            foreach (var node in nodes) node.Silo.Kill();
            var finishedBefore = Jobs(before).Where(j => State(j) == "completed").Select(j => j.GetProperty("job_id").GetString()).ToHashSet();
            var checkpointedBefore = Jobs(before).Where(MidRun)
                .ToDictionary(j => j.GetProperty("job_id").GetString()!, j => j.GetProperty("epochs_done").GetInt32());

            // A new cluster on the same machine and ports: the old silos' rows are superseded.
            nodes = await StartCluster(database, "restart", nodes.Select(n => n.SiloPort).ToList());
            using var newApi = Api(nodes[0]);
            var status = await Until(newApi, "restarted", s => s.GetProperty("state").GetString() != "running", TimeSpan.FromMinutes(5), "the sweep finished after the restart");

            status.GetProperty("state").GetString().Should().Be("completed");
            Jobs(status).Should().HaveCount(8).And.OnlyContain(j => State(j) == "completed");
            Jobs(status).Where(j => finishedBefore.Contains(j.GetProperty("job_id").GetString()))
                .Should().OnlyContain(j => j.GetProperty("attempts").GetInt32() == 1 && ResumedAt(j).Count == 0, "finished jobs are not run again");
            foreach (var job in Jobs(status).Where(j => checkpointedBefore.ContainsKey(j.GetProperty("job_id").GetString()!)))
                ResumedAt(job).Should().ContainSingle().Which.Should().BeGreaterThanOrEqualTo(checkpointedBefore[job.GetProperty("job_id").GetString()!],
                    "a job cut off by the restart resumed from the epoch it had checkpointed");
        }
    }

    [Fact]
    public async Task A_study_survives_a_silo_killed_in_its_evaluation_phase_and_runs_no_trial_of_either_phase_twice()
    {
        var database = await postgres.EmptyDatabaseAsync("study");
        var nodes = await StartCluster(database, "study");
        using var api = Api(nodes[0]);
        // 3 tuning trials on seed 1, then the 2 choices on 5 fresh seeds: 13 jobs on 3 slots.
        await api.Submit($$"""
            name: study
            datasets: [mnist-digits-10k]
            optimizers:
              sgd: {lr: [0.05, 0.01], momentum: [0.9]}
              adam: {lr: [0.001]}
            validation: {fraction: 0.2}
            epochs: {{Epochs}}
            limits: { max_train_samples: 512, max_test_samples: 128 }
            protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}
            """);

        var running = await Until(api, "study",
            s => s.GetProperty("phase").GetString() == "evaluate" && Jobs(s).Any(j => MidRun(j) && nodes.Skip(1).Any(n => n.Runs(j))),
            TimeSpan.FromMinutes(4), "an evaluation job on silo 1 or 2 finished an epoch");
        var victim = nodes.Skip(1).First(n => Jobs(running).Any(j => MidRun(j) && n.Runs(j)));
        victim.Silo.Kill();
        var lost = Jobs(running).Where(j => State(j) == "running" && victim.Runs(j)).Select(j => j.GetProperty("job_id").GetString()!).ToHashSet();

        var status = await Until(api, "study", s => s.GetProperty("state").GetString() != "running", TimeSpan.FromMinutes(5), "the study finished");

        status.GetProperty("state").GetString().Should().Be("completed");
        status.GetProperty("phase").GetString().Should().Be("evaluate");
        Jobs(status).Should().HaveCount(13).And.OnlyContain(j => State(j) == "completed");
        var tuning = Jobs(status).Where(j => j.GetProperty("seed").GetInt64() == 1).ToList();
        tuning.Should().HaveCount(3).And.OnlyContain(j => j.GetProperty("attempts").GetInt32() == 1 && ResumedAt(j).Count == 0, "tuning ended before the kill and ran once");
        var evaluation = Jobs(status).Where(j => j.GetProperty("seed").GetInt64() >= 11).ToList();
        evaluation.GroupBy(j => (j.GetProperty("optimizer").GetString(), j.GetProperty("grid_point").GetString()))
            .Should().HaveCount(2, "one chosen configuration per optimizer").And.OnlyContain(g => g.Count() == 5);
        evaluation.Where(j => lost.Contains(j.GetProperty("job_id").GetString()!))
            .Should().NotBeEmpty().And.OnlyContain(j => j.GetProperty("attempts").GetInt32() == 2 && ResumedAt(j).Count == 1 && !victim.Runs(j),
                "the killed silo's evaluation jobs resumed from their checkpoints on a surviving silo");
        Directory.GetFiles(Path.Combine(outputRoot, "study"), "result.json", SearchOption.AllDirectories)
            .Should().HaveCount(13, "every trial of both phases has its result exactly once");
    }

    public void Dispose()
    {
        foreach (var silo in silos) silo.Dispose();
        Directory.Delete(outputRoot, recursive: true);
    }
}
