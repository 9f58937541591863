namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// Each job's length, uniform in [<see cref="Min"/>, <see cref="Max"/>] and fixed by its id: a
/// sweep is the same work on every run and in every storage mode, and the benchmark knows the
/// ideal makespan before it starts.
/// </summary>
public sealed record JobLengths(TimeSpan Min, TimeSpan Max)
{
    public TimeSpan Of(string jobId) => Min + (Max - Min) * new Random(StableHash(jobId)).NextDouble();

    /// <summary>FNV-1a over the id's characters: string.GetHashCode differs from process to process.</summary>
    static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return unchecked((int)hash);
    }
}
