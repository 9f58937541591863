namespace GradRetentionNet.Grains;

/// <summary>Remembers every sweep submitted to the cluster, in submission order.</summary>
public sealed class SweepIndexGrain([PersistentState("index", "sweeps")] IPersistentState<List<string>> sweeps) : Grain, ISweepIndexGrain
{
    public const string Key = "all";

    public async Task Add(string sweep)
    {
        if (sweeps.State.Contains(sweep)) return;
        sweeps.State.Add(sweep);
        await sweeps.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(sweeps.State.ToArray());
}
