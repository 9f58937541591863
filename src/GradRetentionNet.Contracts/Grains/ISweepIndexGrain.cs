namespace GradRetentionNet.Contracts.Grains;

/// <summary>The cluster's list of sweep names and which of them still run (a single activation, key "all").</summary>
public interface ISweepIndexGrain : IGrainWithStringKey
{
    Task Add(string sweep);

    Task<string[]> List();

    /// <summary>Sweeps not finished: every silo wakes their coordinators, so a sweep whose coordinator's silo died goes on.</summary>
    Task<string[]> Active();

    Task MarkFinished(string sweep);

    Task MarkActive(string sweep);
}
