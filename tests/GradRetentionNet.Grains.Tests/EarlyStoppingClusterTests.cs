using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// ASHA decided by the coordinator from epoch reports of trials spread over a two-silo in-process
/// cluster, with scripted trials whose validation curves are known: stopped trials end as stopped
/// early at once, are never retried, and stay stopped when the whole cluster is restarted.
/// </summary>
public sealed class EarlyStoppingClusterTests : IAsyncLifetime
{
    const int Trials = 12, Epochs = 4;
    readonly string folder = Directory.CreateTempSubdirectory("grn-early-stop-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        ScriptedExecutor.Runs.Clear();
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1.2);
        // Later trials (higher seeds) are worse: each reaches a rung behind the ones before it.
        ScriptedExecutor.ValidationCurve = (assignment, epoch) => 1.0 / assignment.Spec.Seed * epoch / Epochs;
        cluster = await Start();
    }

    static async Task<InProcessTestCluster> Start()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Services
            .AddGrainStorage("sweeps", (provider, _) => ActivatorUtilities.CreateInstance<ProcessWideGrainStorage>(provider))
            .AddTrainingSlots<ScriptedExecutor>(
                new JobRunnerOptions(2) { AdvertisePeriod = TimeSpan.FromMilliseconds(500), WakePeriod = TimeSpan.FromSeconds(1) }));
        var built = builder.Build();
        await built.DeployAsync();
        return built;
    }

    public async Task DisposeAsync()
    {
        ScriptedExecutor.ValidationCurve = null;
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1);
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    SweepSubmission Submission()
    {
        var yaml = $"""
            name: asha
            datasets: [mnist-digits-10k]
            optimizers: [sgd]
            seeds: [{string.Join(", ", Enumerable.Range(1, Trials))}]
            epochs: {Epochs}
            """;
        var submission = Submissions.Of(yaml, "test.yaml", Path.Combine(folder, "runs"));
        return submission with
        {
            Spec = submission.Spec with
            {
                Validation = new ValidationSpec(0.1),
                EarlyStop = new EarlyStopSpec(EarlyStopRule.Asha, GraceEpochs: 1, ReductionFactor: 2),
            },
        };
    }

    async Task<SweepStatus> UntilFinished(ISweepCoordinatorGrain coordinator)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = await coordinator.GetStatus();
            if (status.State.IsFinished()) return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sweep still {status.State.ToText()}: {string.Join(", ", status.Jobs!.Select(j => j.State.ToText()))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Asha_stops_trials_for_good_across_silos_and_a_restarted_cluster_does_not_run_them_again()
    {
        var submitted = await cluster.Client.GetGrain<ISweepCoordinatorGrain>("asha").Submit(Submission());
        submitted.Jobs!.Should().HaveCount(Trials);
        var status = await UntilFinished(cluster.Client.GetGrain<ISweepCoordinatorGrain>("asha"));
        await TrainersIdle.Wait(cluster); // a stopped trial's run is recorded when its trainer returns, after the sweep ended

        status.State.Should().Be(SweepState.Completed);
        var stopped = status.Jobs!.Where(j => j.State == JobState.StoppedEarly).ToList();
        stopped.Should().NotBeEmpty("later trials are worse at every rung");
        status.Jobs!.Should().Contain(j => j.Seed == 1 && j.State == JobState.Completed, "the best trial is never stopped");
        stopped.Should().OnlyContain(j => j.Attempts == 1 && j.EpochsDone < Epochs && j.Error == null, "a stop is not a failure and is not retried");
        status.Jobs!.Should().NotContain(j => j.State == JobState.Failed || j.State == JobState.Cancelled);
        status.Count(JobState.StoppedEarly).Should().Be(stopped.Count);
        var runs = ScriptedExecutor.Runs.ToList();
        runs.Select(r => r.JobKey).Should().OnlyHaveUniqueItems("every trial ran once");
        runs.Where(r => stopped.Any(s => r.JobKey.EndsWith(s.JobId, StringComparison.Ordinal)))
            .Should().OnlyContain(r => r.Status == JobState.StoppedEarly && r.End - r.Start < ScriptedExecutor.JobTime, "its trainer stopped short and said why");

        // The whole cluster goes and a new one starts on the same storage: nothing runs again.
        await cluster.DisposeAsync();
        cluster = await Start();
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>("asha");
        await coordinator.Wake();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await coordinator.GetStatus();
        after.Jobs!.Select(j => (j.JobId, j.State)).Should().Equal(status.Jobs!.Select(j => (j.JobId, j.State)));
        ScriptedExecutor.Runs.Should().HaveCount(runs.Count, "a restarted cluster runs no stopped trial again");
    }
}
