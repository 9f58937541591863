using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// Grain storage that outlives any one silo of an in-process cluster, as a database does:
/// Orleans' memory storage keeps state inside silos, so killing one could lose a sweep's plan,
/// which is not what node-loss tests are about. States are stored serialised, with ETags.
/// </summary>
public sealed class ProcessWideGrainStorage(Serializer serializer) : IGrainStorage
{
    static readonly ConcurrentDictionary<(string, GrainId), (byte[] State, string ETag)> States = new();

    /// <summary>Stores <paramref name="payload"/> as if a grain had written it (e.g. a record in an older format).</summary>
    public static void Put(string stateName, GrainId grainId, byte[] payload) => States[(stateName, grainId)] = (payload, Guid.NewGuid().ToString("N"));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (States.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.State);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var etag = Guid.NewGuid().ToString("N");
        var written = States.AddOrUpdate(key,
            _ => grainState.ETag is null ? (serializer.SerializeToArray(grainState.State), etag) : throw Conflict(grainState.ETag, null),
            (_, stored) => stored.ETag == grainState.ETag ? (serializer.SerializeToArray(grainState.State), etag) : throw Conflict(grainState.ETag, stored.ETag));
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        States.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    static InconsistentStateException Conflict(string? presented, string? stored) => new($"stale write: ETag {presented}, stored {stored}");
}
