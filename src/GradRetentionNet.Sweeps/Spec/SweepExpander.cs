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
        var points = GridPoints(spec.Grid);
        var models = (long)(spec.Models?.Count ?? 1);
        var total = spec.Datasets.Count * models * spec.Optimizers.Count * points.Count * spec.Seeds.Count;
        if (total > maxJobs)
            throw new SweepSpecException(source, "grid",
                $"the sweep has {total} jobs ({spec.Datasets.Count} datasets x {models} models x {spec.Optimizers.Count} optimizers x {points.Count} grid points x {spec.Seeds.Count} seeds), more than the cap of {maxJobs}: shrink it or raise the cap");

        var jobs = new List<SweepJob>((int)total);
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

    /// <summary>The cartesian product of the grid, keys in ordinal order; one empty point without a grid.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> GridPoints(IReadOnlyDictionary<string, IReadOnlyList<string>> grid)
    {
        IEnumerable<SortedDictionary<string, string>> points = [new SortedDictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (name, values) in grid.OrderBy(g => g.Key, StringComparer.Ordinal))
            points = points.SelectMany(point => values.Select(value => new SortedDictionary<string, string>(point, StringComparer.Ordinal) { [name] = value }));
        return points.ToList();
    }
}
