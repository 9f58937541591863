namespace GradRetentionNet.Grains;

/// <summary>The cluster's list of sweep names (a single activation, key "all").</summary>
public interface ISweepIndexGrain : IGrainWithStringKey
{
    Task Add(string sweep);

    Task<string[]> List();
}
