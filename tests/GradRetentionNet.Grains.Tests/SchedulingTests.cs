using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>Placement, node loss and hand-back on a three-silo in-process cluster with two slots a silo.</summary>
public sealed class SchedulingTests : IAsyncLifetime
{
    const int Silos = 3, SlotsPerSilo = 2;
    readonly string folder = Directory.CreateTempSubdirectory("grn-scheduling-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        ScriptedExecutor.Runs.Clear();
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSiloHost((_, host) => host.Services
            .AddGrainStorage("sweeps", (provider, _) => ActivatorUtilities.CreateInstance<ProcessWideGrainStorage>(provider))
            .AddTrainingSlots<ScriptedExecutor>(
            new JobRunnerOptions(SlotsPerSilo) { AdvertisePeriod = TimeSpan.FromMilliseconds(500), WakePeriod = TimeSpan.FromSeconds(1) }));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    static string Spec(string name, int seeds) => $"""
        name: {name}
        datasets: [mnist-digits-10k]
        optimizers: [sgd, adam]
        seeds: [{string.Join(", ", Enumerable.Range(1, seeds))}]
        epochs: 1
        max_attempts: 3
        """;

    async Task<SweepStatus> Submit(string name, int seeds) =>
        await cluster.Client.GetGrain<ISweepCoordinatorGrain>(name).Submit(Submissions.Of(Spec(name, seeds), "test.yaml", Path.Combine(folder, "runs")));

    async Task<SweepStatus> Until(string name, Func<SweepStatus, bool> condition, TimeSpan within)
    {
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(name);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var status = await coordinator.GetStatus();
            if (condition(status)) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} is {status.State}: {string.Join(", ", status.Jobs!.Select(j => $"{j.State}@{j.Silo}"))}");
            await Task.Delay(100);
        }
    }

    async Task UntilSlotsAdvertised()
    {
        var board = cluster.Client.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await board.Silos()).Sum(s => s.Slots) < Silos * SlotsPerSilo && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    [Fact]
    public async Task Jobs_go_to_silos_with_a_free_slot_and_never_exceed_a_silos_slots()
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1);
        await UntilSlotsAdvertised();
        var runners = cluster.Silos.Select(s => cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<JobRunner>()).ToList();
        var mostHeld = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                mostHeld = Math.Max(mostHeld, runners.Max(r => r.Jobs.Length));
                await Task.Delay(20);
            }
        });
        await Submit("spread", seeds: 9); // 18 jobs on 6 slots

        var status = await Until("spread", s => s.State.IsFinished(), TimeSpan.FromMinutes(1));
        await sampling.CancelAsync();
        await sampler;

        status.State.Should().Be(SweepState.Completed);
        status.Jobs!.Should().OnlyContain(j => j.State == JobState.Completed && j.Attempts == 1);
        var runs = ScriptedExecutor.Runs.Where(r => r.JobKey.StartsWith("spread/")).ToList();
        runs.Should().HaveCount(18, "each job ran exactly once");
        var bySilo = runs.GroupBy(r => r.Silo).ToList();
        bySilo.Should().HaveCount(Silos, "every silo took work");
        bySilo.Should().OnlyContain(g => ScriptedExecutor.PeakConcurrency(g) <= SlotsPerSilo, "a silo never trains more jobs than its slots");
        mostHeld.Should().Be(SlotsPerSilo, "jobs are placed on free slots, never queued behind busy ones");
        ScriptedExecutor.PeakConcurrency(runs).Should().BeGreaterThan(SlotsPerSilo, "jobs ran on several silos at once");
    }

    [Fact]
    public async Task The_jobs_of_a_killed_silo_are_dispatched_again_and_recorded_once()
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(4);
        await UntilSlotsAdvertised();
        await Submit("lose-a-silo", seeds: 3); // 6 jobs on 6 slots: every silo holds two
        var running = await Until("lose-a-silo", s => s.Count(JobState.Running) == 6, TimeSpan.FromSeconds(20));

        var victim = cluster.Silos.Last(); // not the primary, which holds the in-memory membership
        var victimJobs = running.Jobs!.Where(j => j.Silo == victim.SiloAddress.ToParsableString()).Select(j => j.JobId).ToList();
        victimJobs.Should().NotBeEmpty();
        await cluster.KillSiloAsync(victim);

        var status = await Until("lose-a-silo", s => s.State.IsFinished(), TimeSpan.FromMinutes(2));

        status.State.Should().Be(SweepState.Completed);
        status.Jobs!.Should().OnlyContain(j => j.State == JobState.Completed);
        status.Jobs!.Where(j => victimJobs.Contains(j.JobId)).Should().OnlyContain(j => j.Attempts == 2 && j.Silo != victim.SiloAddress.ToParsableString(),
            "a lost attempt is charged and the job ends on a live silo");
        status.Jobs!.Where(j => !victimJobs.Contains(j.JobId)).Should().OnlyContain(j => j.Attempts == 1);
        ScriptedExecutor.Runs.Count(r => r.JobKey.StartsWith("lose-a-silo/") && r.Status == JobState.Completed && r.Silo != victim.SiloAddress.ToParsableString())
            .Should().Be(6, "every job completed once on the surviving silos");
    }

    [Fact]
    public async Task A_silo_shutting_down_hands_its_jobs_back_without_charging_an_attempt()
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(4);
        await UntilSlotsAdvertised();
        await Submit("hand-back", seeds: 2); // 4 jobs on 6 slots
        var running = await Until("hand-back", s => s.Count(JobState.Running) == 4, TimeSpan.FromSeconds(20));

        var leaving = cluster.Silos.Last();
        var handedBack = running.Jobs!.Where(j => j.Silo == leaving.SiloAddress.ToParsableString()).Select(j => j.JobId).ToList();
        handedBack.Should().NotBeEmpty();
        await cluster.StopSiloAsync(leaving);

        var status = await Until("hand-back", s => s.State.IsFinished(), TimeSpan.FromMinutes(1));

        status.State.Should().Be(SweepState.Completed);
        status.Jobs!.Should().OnlyContain(j => j.State == JobState.Completed && j.Attempts == 1, "a hand-back is not the job's failure");
        ScriptedExecutor.Runs.Where(r => r.JobKey.StartsWith("hand-back/") && r.Silo == leaving.SiloAddress.ToParsableString())
            .Should().OnlyContain(r => r.Status == JobState.Suspended);
        status.Jobs!.Where(j => handedBack.Contains(j.JobId)).Should().OnlyContain(j => j.Silo != leaving.SiloAddress.ToParsableString());
    }
}
