using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Cli;

/// <summary>A sweep's results read from its job folders, with each job's folder by id.</summary>
internal sealed record SweepRuns(IReadOnlyList<JobResult> Results, IReadOnlyDictionary<string, string> Folders, int Ignored)
{
    public string FolderOf(JobResult result) => Folders.GetValueOrDefault(result.JobId, "");
}

/// <summary>
/// Finds a sweep's job folders under a runs folder (grn run --out) offline, as the coordinator
/// plans them: the spec's jobs (a study's tuning phase) by their planned folders, and a study's
/// evaluation jobs by their folder names (seed-N-id under dataset/optimizer), since their
/// configurations were chosen by the tuning phase. A folder counts only when its result is the
/// job the spec asks for: one left by an older version of the spec is ignored, and counted.
/// </summary>
internal static class RunFolders
{
    /// <param name="specPath">The spec's path as given, for messages.</param>
    /// <exception cref="DirectoryNotFoundException">The sweep has no folder under <paramref name="runsRoot"/>.</exception>
    /// <exception cref="ArgumentException">None of the sweep's jobs has a result.</exception>
    /// <exception cref="InvalidDataException">A result.json cannot be read.</exception>
    public static SweepRuns Read(SweepSpec spec, string runsRoot, string specPath)
    {
        var sweepFolder = Path.Combine(runsRoot, spec.Name);
        if (!Directory.Exists(sweepFolder))
            throw new DirectoryNotFoundException($"no results of sweep '{spec.Name}' ({specPath}): {sweepFolder} does not exist (run grn run {specPath} --out {runsRoot}, or give --runs)");

        var candidates = SweepExpander.Plan(spec, runsRoot).Select(j => (j.JobId, j.OutputDirectory))
            .Concat(spec.Protocol is { } protocol ? EvaluationFolders(spec, protocol, runsRoot) : [])
            .DistinctBy(c => c.OutputDirectory);
        var results = new List<JobResult>();
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var ignored = 0;
        foreach (var (jobId, folder) in candidates)
        {
            var path = Path.Combine(folder, JobFiles.Result);
            if (!File.Exists(path)) continue;
            var result = ReadResult(path);
            if (result.JobId != jobId || !IsJobOf(spec, result) || !folders.TryAdd(jobId, folder))
            {
                ignored++;
                continue;
            }
            results.Add(result);
        }
        if (results.Count == 0)
            throw new ArgumentException($"no job of sweep '{spec.Name}' ({specPath}) has a result under {sweepFolder}" +
                (ignored > 0 ? $" ({ignored} result(s) there belong to another version of the spec)" : ""));
        return new(results, folders, ignored);
    }

    /// <summary>Every seed-N-id folder of an evaluation seed under each dataset and optimizer of the study, with the id its name gives.</summary>
    static IEnumerable<(string JobId, string OutputDirectory)> EvaluationFolders(SweepSpec spec, ProtocolSpec protocol, string runsRoot) =>
        from dataset in spec.Datasets
        from optimizer in spec.Optimizers
        let parent = Path.Combine(runsRoot, spec.Name, dataset, optimizer)
        where Directory.Exists(parent)
        from seed in protocol.EvaluateSeeds
        let prefix = $"seed-{seed}-"
        from folder in Directory.EnumerateDirectories(parent, prefix + "*").Order(StringComparer.Ordinal)
        select (Path.GetFileName(folder)[prefix.Length..], folder);

    /// <summary>Whether the spec, as it is now, asks for exactly this job (its id is the hash of every setting).</summary>
    static bool IsJobOf(SweepSpec spec, JobResult result) =>
        SweepExpander.JobOf(spec, result.Spec.Dataset, result.Spec.Model, result.Spec.Optimizer, result.Spec.HyperParameters, result.Spec.Seed).Id == result.JobId;

    static JobResult ReadResult(string path)
    {
        try
        {
            return JobJson.Deserialize(File.ReadAllText(path));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidDataException)
        {
            throw new InvalidDataException($"cannot read {path}: {e.Message}");
        }
    }
}
