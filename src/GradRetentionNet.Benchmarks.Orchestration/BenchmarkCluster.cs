using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// The in-process cluster the benchmark measures: <see cref="BenchmarkOptions.Silos"/> silos with
/// <see cref="BenchmarkOptions.SlotsPerSilo"/> slots of <see cref="SleepingJobExecutor"/> each,
/// their "sweeps" storage counted by <see cref="CountingGrainStorage"/> in front of the chosen backend,
/// the coordinators' calls timed by <see cref="CoordinatorCallTimes"/>.
/// </summary>
public static class BenchmarkCluster
{
    public const string StorageName = "sweeps";

    public static async Task<InProcessTestCluster> StartAsync(BenchmarkOptions options, BenchmarkStorage storage, JobRuns runs, StorageWrites writes, CoordinatorCallTimes calls)
    {
        var builder = new InProcessTestClusterBuilder((short)options.Silos);
        builder.ConfigureSilo((_, silo) => storage.AddBackend(silo).AddIncomingGrainCallFilter(calls).AddOutgoingGrainCallFilter(calls));
        builder.ConfigureSiloHost((_, host) => host.Services
            .AddSingleton(options.Lengths)
            .AddSingleton(runs)
            .AddGrainStorage(StorageName, (provider, _) => new CountingGrainStorage(
                provider.GetRequiredKeyedService<IGrainStorage>(BenchmarkStorage.BackendName),
                provider.GetRequiredService<Serializer>(),
                provider.GetRequiredService<IGrainStorageSerializer>(),
                writes))
            .AddTrainingSlots<SleepingJobExecutor>(new JobRunnerOptions(options.SlotsPerSilo)));
        var cluster = builder.Build();
        await cluster.DeployAsync();

        // Every silo advertises its slots before the clock starts.
        var board = cluster.Client.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
        while ((await board.Silos()).Sum(x => x.Slots) < options.Slots) await Task.Delay(50);
        return cluster;
    }

    /// <summary>Activations per grain type across the cluster (the memory figures' context: what is still held).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ActivationsAsync(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.GroupBy(s => ShortName(s.GrainType))
            .OrderByDescending(g => g.Sum(s => s.ActivationCount))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>"Namespace.Type,Assembly" (or a generic's full name) as just the type's name.</summary>
    static string ShortName(string grainType)
    {
        var type = grainType.Split(',', 2)[0].Split('[', 2)[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
