using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// A silo training on two GPUs (declared: the jobs are scripted, so no GPU is needed): one slot per
/// GPU, and resources.trials_per_gpu packs that many jobs onto each, every job on its own device.
/// </summary>
public sealed class GpuPackingTests : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-gpus-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        ScriptedExecutor.Runs.Clear();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorage("sweeps"));
        builder.ConfigureSiloHost((_, host) => host.Services.AddTrainingSlots<ScriptedExecutor>(
            new JobRunnerOptions(Slots: 8) { Gpus = 2, AdvertisePeriod = TimeSpan.FromMilliseconds(500) }));
        cluster = builder.Build();
        await cluster.DeployAsync();
        var board = cluster.Client.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await board.Silos()).Sum(s => s.Slots) < 2 && DateTime.UtcNow < deadline) await Task.Delay(100);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    async Task<List<ScriptedExecutor.Run>> RunSweep(string name, int trialsPerGpu)
    {
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(name);
        await coordinator.Submit(Submissions.Of($"""
            name: {name}
            datasets: [mnist-digits-10k]
            optimizers: [sgd, adam]
            seeds: [1, 2, 3, 4]
            epochs: 1
            resources: {"{"} device: cuda, trials_per_gpu: {trialsPerGpu} {"}"}
            """, "test.yaml", Path.Combine(folder, "runs")));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(await coordinator.GetStatus()).State.IsFinished() && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await coordinator.GetStatus()).State.Should().Be(SweepState.Completed);
        return ScriptedExecutor.Runs.Where(r => r.JobKey.StartsWith(name + "/")).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Each_gpu_takes_trials_per_gpu_jobs_at_once_each_on_its_device(int trialsPerGpu)
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1);

        var runs = await RunSweep($"packed-{trialsPerGpu}", trialsPerGpu);

        runs.Should().HaveCount(8);
        runs.Select(r => r.Device).Distinct().Order().Should().Equal("cuda:0", "cuda:1");
        runs.GroupBy(r => r.Device).Should().OnlyContain(g => ScriptedExecutor.PeakConcurrency(g) == trialsPerGpu,
            "each GPU trains trials_per_gpu jobs at once, never more");
        ScriptedExecutor.PeakConcurrency(runs).Should().Be(2 * trialsPerGpu, "the 8 CPU slots configured do not count on a GPU silo");
    }
}
