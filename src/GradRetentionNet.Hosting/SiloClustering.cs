namespace GradRetentionNet.Silo;

/// <summary>How a silo finds the rest of its cluster and where grain state lives (Silo:Clustering).</summary>
public enum SiloClustering
{
    /// <summary>A single silo on this machine, grain state in memory: needs nothing installed, keeps nothing across restarts.</summary>
    Localhost,

    /// <summary>Membership and grain state in PostgreSQL (Silo:ConnectionString), so silos on several machines form one cluster.</summary>
    Postgres,
}
