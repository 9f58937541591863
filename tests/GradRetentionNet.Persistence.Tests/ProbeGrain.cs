namespace GradRetentionNet.Persistence.Tests;

/// <summary>A test-only grain whose whole job is to persist a little state through the "sweeps" storage.</summary>
public interface IProbeGrain : IGrainWithIntegerKey
{
    Task Write(string text);
    Task<ProbeSnapshot> Read();
    Task Clear();
    Task Deactivate();
}

/// <summary>The same over a string key and a storage provider that deletes the row on clear.</summary>
public interface IDeletingProbeGrain : IGrainWithStringKey
{
    Task Write(string text);
    Task<ProbeSnapshot> Read();
    Task Clear();
    Task Deactivate();
}

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public string Text { get; set; } = "";
    [Id(1)] public List<int> Writes { get; set; } = [];
}

/// <summary>The state as the grain sees it, with the provider's ETag and whether a record exists.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeSnapshot([property: Id(0)] string Text, [property: Id(1)] string? ETag, [property: Id(2)] bool RecordExists);

public sealed class ProbeGrain([PersistentState("probe", "sweeps")] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public Task Write(string text) => ProbeOperations.Write(state, text);
    public Task<ProbeSnapshot> Read() => Task.FromResult(ProbeOperations.Snapshot(state));
    public Task Clear() => state.ClearStateAsync();
    public Task Deactivate() => ProbeOperations.Deactivate(this);
}

public sealed class DeletingProbeGrain([PersistentState("probe", "deleting")] IPersistentState<ProbeState> state) : Grain, IDeletingProbeGrain
{
    public Task Write(string text) => ProbeOperations.Write(state, text);
    public Task<ProbeSnapshot> Read() => Task.FromResult(ProbeOperations.Snapshot(state));
    public Task Clear() => state.ClearStateAsync();
    public Task Deactivate() => ProbeOperations.Deactivate(this);
}

internal static class ProbeOperations
{
    public static Task Write(IPersistentState<ProbeState> state, string text)
    {
        state.State.Text = text;
        state.State.Writes.Add(state.State.Writes.Count + 1);
        return state.WriteStateAsync();
    }

    public static ProbeSnapshot Snapshot(IPersistentState<ProbeState> state) => new(state.State.Text, state.Etag, state.RecordExists);

    /// <summary>The next call gets a new activation, which reads its state back from the database.</summary>
    public static Task Deactivate(Grain grain)
    {
        grain.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
