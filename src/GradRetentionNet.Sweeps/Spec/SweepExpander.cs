using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Turns a sweep spec into its jobs: dataset × model × optimizer × grid point × seed.</summary>
public static class SweepExpander
{
    /// <summary>The default cap on a sweep's size; raise it deliberately for big sweeps.</summary>
    public const int DefaultMaxJobs = 5_000;

    /// <param name="spec">A validated spec (<see cref="SweepSpecParser"/>).</param>
    /// <param name="source">Where the spec came from, for messages.</param>
    /// <param name="maxJobs">Refuse sweeps larger than this.</param>
    public static IReadOnlyList<SweepJob> Expand(SweepSpec spec, string source, int maxJobs = DefaultMaxJobs)
    {
        CheckSize(spec, source, maxJobs);
        var points = GridPoints(spec.Grid);
        var jobs = new List<SweepJob>(CountJobs(spec));
        foreach (var dataset in spec.Datasets)
            foreach (var model in spec.Models ?? [JobDataLoader.DefaultModel(dataset)])
                foreach (var optimizer in spec.Optimizers)
                    foreach (var point in points)
                        foreach (var seed in spec.Seeds)
                            jobs.Add(new SweepJob(new JobSpec
                            {
                                Dataset = dataset,
                                Model = model,
                                Optimizer = optimizer,
                                Seed = seed,
                                Epochs = spec.Epochs,
                                BatchSize = spec.BatchSize,
                                HyperParameters = point,
                                MaxTrainSamples = spec.MaxTrainSamples,
                                MaxTestSamples = spec.MaxTestSamples,
                                Device = spec.Device,
                            }, point));
        return jobs;
    }

    /// <summary>How many jobs <paramref name="spec"/> expands to, without expanding it.</summary>
    public static int CountJobs(SweepSpec spec)
    {
        var total = (long)spec.Datasets.Count * (spec.Models?.Count ?? 1) * spec.Optimizers.Count * spec.Seeds.Count
                    * spec.Grid.Values.Aggregate(1L, (product, values) => product * values.Count);
        return (int)Math.Min(total, int.MaxValue);
    }

    /// <summary>Refuses a sweep larger than <paramref name="maxJobs"/> with one line saying what makes it that large.</summary>
    public static void CheckSize(SweepSpec spec, string source, int maxJobs = DefaultMaxJobs)
    {
        var total = CountJobs(spec);
        if (total <= maxJobs) return;
        var points = spec.Grid.Values.Aggregate(1L, (product, values) => product * values.Count);
        throw new SweepSpecException(source, "grid",
            $"the sweep has {total} jobs ({spec.Datasets.Count} datasets x {spec.Models?.Count ?? 1} models x {spec.Optimizers.Count} optimizers x {points} grid points x {spec.Seeds.Count} seeds), more than the cap of {maxJobs}: shrink it or raise the cap");
    }

    /// <summary>The sweep's jobs in plan order, each with its folder under <paramref name="outputRoot"/>.</summary>
    public static IReadOnlyList<PlannedJob> Plan(SweepSpec spec, string outputRoot, int maxJobs = int.MaxValue) =>
        Expand(spec, spec.Name, maxJobs)
            .Select((job, index) =>
            {
                var id = job.Id;
                return new PlannedJob(index, id, job.Spec, string.Join(",", job.GridPoint.Select(p => $"{p.Key}={p.Value}")),
                    PlannedJob.FolderOf(outputRoot, spec.Name, job.Spec, id));
            })
            .ToList();

    /// <summary>The cartesian product of the grid, keys in ordinal order; one empty point without a grid.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> GridPoints(IReadOnlyDictionary<string, IReadOnlyList<string>> grid)
    {
        IEnumerable<SortedDictionary<string, string>> points = [new SortedDictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, values) in grid.OrderBy(g => g.Key, StringComparer.Ordinal))
            points = points.SelectMany(point => values.Select(value => new SortedDictionary<string, string>(point, StringComparer.Ordinal) { [name] = value }));
        return points.ToList();
    }
}
