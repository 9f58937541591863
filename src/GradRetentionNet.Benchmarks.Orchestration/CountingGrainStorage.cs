using System.Diagnostics;
using Orleans.Serialization;
using Orleans.Storage;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// A grain storage that records every read and write in <see cref="StorageWrites"/> and hands it
/// on to the real one. A write's size is measured twice: as Orleans' serializer writes the state
/// (the state's own size, whatever the backend) and as the silo's grain-storage serializer encodes
/// it (the payload the memory and ADO.NET providers actually keep; JSON by default). Each call's
/// time in the backend is recorded too: with a database it is most of what a write costs.
/// </summary>
public sealed class CountingGrainStorage(IGrainStorage inner, Serializer serializer, IGrainStorageSerializer storageSerializer, StorageWrites writes) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var clock = Stopwatch.StartNew();
        await inner.ReadStateAsync(stateName, grainId, grainState);
        writes.AddRead(new StorageRead(stateName, clock.Elapsed.TotalSeconds));
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Measured before the write, while the grain is still in its turn: nothing changes the state meanwhile.
        var orleansBytes = serializer.SerializeToArray(grainState.State).Length;
        var storedBytes = storageSerializer.Serialize(grainState.State).ToMemory().Length;
        var clock = Stopwatch.StartNew();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        writes.Add(new StorageWrite(stateName, orleansBytes, storedBytes, clock.Elapsed.TotalSeconds));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
