using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>The single-record sweep state coordinators wrote before per-job records, field ids as they were (commit 307713a).</summary>
[GenerateSerializer]
public sealed class OldFormatSweepState
{
    [Id(0)] public string SpecYaml { get; set; } = "";
    [Id(1)] public string OutputRoot { get; set; } = "";
    [Id(2)] public string State { get; set; } = "";
    [Id(3)] public int MaxAttempts { get; set; }
    [Id(4)] public int MaxFailedTrials { get; set; }
    [Id(5)] public List<OldFormatJobEntry> Jobs { get; set; } = [];
    [Id(6)] public int TrialsPerGpu { get; set; } = 1;
}

[GenerateSerializer]
public sealed class OldFormatJobEntry
{
    [Id(0)] public string JobId { get; set; } = "";
    [Id(1)] public string SpecJson { get; set; } = "";
    [Id(2)] public string OutputDirectory { get; set; } = "";
    [Id(3)] public string Dataset { get; set; } = "";
    [Id(4)] public string Optimizer { get; set; } = "";
    [Id(5)] public long Seed { get; set; }
    [Id(6)] public string GridPoint { get; set; } = "";
    [Id(7)] public string State { get; set; } = "pending";
    [Id(8)] public int Attempts { get; set; }
    [Id(9)] public int EpochsDone { get; set; }
    [Id(10)] public double? FinalMetric { get; set; }
    [Id(11)] public string? Error { get; set; }
    [Id(12)] public int Dispatches { get; set; }
    [Id(13)] public string? Silo { get; set; }
    [Id(14)] public int? ResumedAtEpoch { get; set; }
    [Id(15)] public DateTimeOffset? DispatchedAt { get; set; }
}

/// <summary>A sweep persisted by the older coordinator is read, moved into job records, and goes on without rerunning its finished jobs.</summary>
public sealed class LegacySweepTests : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-legacy-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        ScriptedExecutor.Runs.Clear();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Services
            .AddGrainStorage("sweeps", (provider, _) => ActivatorUtilities.CreateInstance<ProcessWideGrainStorage>(provider))
            .AddTrainingSlots<ScriptedExecutor>(new JobRunnerOptions(2) { AdvertisePeriod = TimeSpan.FromMilliseconds(500), WakePeriod = TimeSpan.FromSeconds(1) }));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_old_single_record_sweep_is_read_and_finishes_without_rerunning_its_finished_jobs()
    {
        const string yaml = """
            name: from-before
            datasets: [mnist-digits-10k]
            optimizers: [sgd, adam]
            seeds: [1, 2]
            epochs: 1
            """;
        var root = Path.Combine(folder, "runs");
        var planned = SweepExpander.Plan(SweepSpecParser.Parse(yaml, "test.yaml"), root);
        var old = new OldFormatSweepState
        {
            SpecYaml = yaml, OutputRoot = root, State = "running", MaxAttempts = 3, MaxFailedTrials = 10,
            Jobs = planned.Select((job, i) => new OldFormatJobEntry
            {
                JobId = job.JobId, OutputDirectory = job.OutputDirectory, Dataset = job.Spec.Dataset, Optimizer = job.Spec.Optimizer, Seed = job.Spec.Seed,
                State = i < 2 ? "completed" : "pending", Attempts = i < 2 ? 1 : 0, Dispatches = i < 2 ? 1 : 0, EpochsDone = i < 2 ? 1 : 0, FinalMetric = i < 2 ? 0.25 : null,
            }).ToList(),
        };
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>("from-before");
        var serializer = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<Serializer>();
        ProcessWideGrainStorage.Put("sweep", coordinator.GetGrainId(), serializer.SerializeToArray(old));
        await cluster.Client.GetGrain<ISweepIndexGrain>(GrainKeys.SweepIndex).Add("from-before");

        (await coordinator.GetSubmission())!.SpecYaml.Should().Be(yaml);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        SweepStatus status;
        while (!(status = await coordinator.GetStatus()).State.IsFinished() && DateTime.UtcNow < deadline) await Task.Delay(100);

        status.State.Should().Be(SweepState.Completed);
        status.Jobs!.Take(2).Should().OnlyContain(j => j.State == JobState.Completed && j.Attempts == 1 && j.FinalMetric == 0.25, "they had finished before");
        status.Jobs!.Skip(2).Should().OnlyContain(j => j.State == JobState.Completed && j.Attempts == 1 && j.FinalMetric == 0.5);
        ScriptedExecutor.Runs.Where(r => r.JobKey.StartsWith("from-before/")).Select(r => r.JobKey)
            .Should().BeEquivalentTo(planned.Skip(2).Select(j => JobAssignment.KeyOf("from-before", j.JobId)), "finished jobs are not run again");
    }
}
