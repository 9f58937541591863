using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Observability;
using GradRetentionNet.Observability.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>A grain that publishes job counts as the sweep coordinator will, then deactivates on request.</summary>
public interface ICountingGrain : IGrainWithStringKey
{
    Task Publish(JobState[] jobStates);

    Task Retry();

    Task Deactivate();
}

public sealed class CountingGrain(SiloMetrics metrics) : Grain, ICountingGrain
{
    public Task Publish(JobState[] jobStates)
    {
        metrics.PublishJobCounts(this, this.GetPrimaryKeyString(), SweepStatus.CountsOf(jobStates));
        return Task.CompletedTask;
    }

    public Task Retry()
    {
        metrics.CountRetry(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>The coordinator's metrics calls on a real silo: counts per state, retries, and removal when the activation ends.</summary>
public sealed class SweepCoordinatorMetricsTests : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-coordinator-metrics-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Services.AddTrainingSlots(new JobRunnerOptions(1, folder)));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Job_counts_are_published_per_state_and_vanish_when_the_coordinator_deactivates()
    {
        var metrics = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<SiloMetrics>();
        using var recorder = new MeasurementRecorder(metrics.Meter);
        var grain = cluster.Client.GetGrain<ICountingGrain>("sweep-x");

        await grain.Publish([JobState.Completed, JobState.Completed, JobState.Running, JobState.Pending]);
        await grain.Retry();
        var observed = recorder.Observe();
        observed.Where(r => r.Instrument == "grn.sweep.jobs" && r["sweep"] == "sweep-x").ToDictionary(r => r["state"]!, r => r.Value)
            .Should().BeEquivalentTo(new Dictionary<string, double> { ["pending"] = 1, ["running"] = 1, ["completed"] = 2, ["diverged"] = 0, ["failed"] = 0, ["cancelled"] = 0, ["suspended"] = 0, ["stopped_early"] = 0 });
        observed.Should().ContainSingle(r => r.Instrument == "grn.jobs.retried").Which["silo"].Should().Be(cluster.Silos[0].Name);

        await grain.Deactivate();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (recorder.Observe().Any(r => r.Instrument == "grn.sweep.jobs") && DateTime.UtcNow < deadline) await Task.Delay(100);
        recorder.Observe().Should().NotContain(r => r.Instrument == "grn.sweep.jobs", "the coordinator's activation has ended");
    }
}
