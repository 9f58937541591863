using GradRetentionNet.Contracts.Grains;

namespace GradRetentionNet.Grains;

/// <summary>Remembers every sweep submitted to the cluster, in submission order, and which still run.</summary>
public sealed class SweepIndexGrain([PersistentState("index", "sweeps")] IPersistentState<SweepIndex> index) : Grain, ISweepIndexGrain
{
    public async Task Add(string sweep)
    {
        if (index.State.All.Contains(sweep)) return;
        index.State.All.Add(sweep);
        index.State.Active.Add(sweep);
        await index.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(index.State.All.ToArray());

    public Task<string[]> Active() => Task.FromResult(index.State.Active.ToArray());

    public async Task MarkFinished(string sweep)
    {
        if (index.State.Active.Remove(sweep)) await index.WriteStateAsync();
    }

    public async Task MarkActive(string sweep)
    {
        if (!index.State.All.Contains(sweep) || index.State.Active.Contains(sweep)) return;
        index.State.Active.Add(sweep);
        await index.WriteStateAsync();
    }
}

/// <summary>The persisted index: all sweeps, and those not finished.</summary>
[GenerateSerializer]
public sealed class SweepIndex
{
    [Id(0)] public List<string> All { get; set; } = [];
    [Id(1)] public List<string> Active { get; set; } = [];
}
