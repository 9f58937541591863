using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Search;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Turns a sweep spec into its jobs: dataset × model × optimizer × configuration × seed.</summary>
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
        // Drawn once per optimizer: every dataset and model gets the same configurations.
        var configurations = spec.Optimizers.ToDictionary(o => o, o => SearchConfigurations.For(spec, o), StringComparer.Ordinal);
        var jobs = new List<SweepJob>(spec.Datasets.Count * (spec.Models?.Count ?? 1) * spec.Seeds.Count * configurations.Values.Sum(c => c.Count));
        foreach (var dataset in spec.Datasets)
            foreach (var model in spec.Models ?? [JobDataLoader.DefaultModel(dataset)])
                foreach (var optimizer in spec.Optimizers)
                    foreach (var configuration in configurations[optimizer])
                        foreach (var seed in spec.Seeds)
                            jobs.Add(new SweepJob(JobOf(spec, dataset, model, optimizer, configuration, seed), configuration));
        return jobs;
    }

    /// <summary>One job of <paramref name="spec"/>: the spec's length, batch, limits, device, validation split and Grad-CAM samples, with this configuration and seed.</summary>
    public static JobSpec JobOf(SweepSpec spec, string dataset, string model, string optimizer, IReadOnlyDictionary<string, string> configuration, long seed) =>
        new()
        {
            Dataset = dataset,
            Model = model,
            Optimizer = optimizer,
            Seed = seed,
            Epochs = spec.Epochs,
            BatchSize = spec.BatchSize,
            HyperParameters = configuration,
            MaxTrainSamples = spec.MaxTrainSamples,
            MaxTestSamples = spec.MaxTestSamples,
            Device = spec.Device,
            ValidationFraction = spec.Validation?.Fraction,
            GradCamSamples = spec.GradCamSamples,
        };

    /// <summary>How many jobs <paramref name="spec"/> expands to, without expanding it (a study: both phases, every optimizer chosen everywhere).</summary>
    public static int CountJobs(SweepSpec spec) => (int)Math.Min(Total(spec), int.MaxValue);

    /// <summary>Refuses a sweep larger than <paramref name="maxJobs"/> with one line saying what makes it that large.</summary>
    public static void CheckSize(SweepSpec spec, string source, int maxJobs = DefaultMaxJobs)
    {
        var total = Total(spec);
        if (total <= maxJobs) return;
        var shape = $"{spec.Datasets.Count} datasets x {spec.Models?.Count ?? 1} models";
        if (spec.Protocol is { } protocol)
            throw new SweepSpecException(source, "protocol",
                $"the study has up to {total} jobs ({TuningJobs(spec)} tuning + {StudyEvaluation(spec)} evaluation: {shape} x {spec.Optimizers.Count} optimizers x {protocol.EvaluateSeeds.Count} seeds), more than the cap of {maxJobs}: shrink it or raise the cap");
        if (spec.Spaces is null)
        {
            var points = SearchConfigurations.Count(spec, spec.Optimizers[0]);
            throw new SweepSpecException(source, "grid",
                $"the sweep has {total} jobs ({shape} x {spec.Optimizers.Count} optimizers x {points} grid points x {spec.Seeds.Count} seeds), more than the cap of {maxJobs}: shrink it or raise the cap");
        }
        var unit = spec.Search.Method == SearchMethod.Grid ? "grid points" : "trials";
        var perOptimizer = string.Join(" + ", spec.Optimizers.Select(o => $"{SearchConfigurations.Count(spec, o)} {o}"));
        throw new SweepSpecException(source, spec.Search.Method == SearchMethod.Grid ? "optimizers" : "search.trials",
            $"the sweep has {total} jobs ({shape} x ({perOptimizer}) {unit} x {spec.Seeds.Count} seeds), more than the cap of {maxJobs}: shrink it or raise the cap");
    }

    /// <summary>The sweep's jobs in plan order, each with its folder under <paramref name="outputRoot"/>.</summary>
    public static IReadOnlyList<PlannedJob> Plan(SweepSpec spec, string outputRoot, int maxJobs = int.MaxValue) =>
        Expand(spec, spec.Name, maxJobs)
            .Select((job, index) =>
            {
                var id = job.Id;
                return new PlannedJob(index, id, job.Spec, PlannedJob.GridPointText(job.GridPoint),
                    PlannedJob.FolderOf(outputRoot, spec.Name, job.Spec, id));
            })
            .ToList();

    /// <summary>The cartesian product of the grid, keys in ordinal order; one empty point without a grid.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> GridPoints(IReadOnlyDictionary<string, IReadOnlyList<string>> grid) =>
        Search.GridPoints.Of(grid);

    static long Total(SweepSpec spec) => Saturating(TuningJobs(spec) + StudyEvaluation(spec));

    static long StudyEvaluation(SweepSpec spec) => Study.Protocol.StudyPlan.MaxEvaluationJobs(spec);

    static long TuningJobs(SweepSpec spec)
    {
        var configurations = spec.Optimizers.Aggregate(0L, (sum, o) => Saturating(sum + SearchConfigurations.Count(spec, o)));
        return new long[] { spec.Datasets.Count, spec.Models?.Count ?? 1, spec.Seeds.Count }
            .Aggregate(configurations, (product, factor) => product > long.MaxValue / Math.Max(factor, 1) ? long.MaxValue : product * factor);
    }

    // A sum of two saturated counts wraps negative: keep it at the ceiling.
    static long Saturating(long sum) => sum < 0 ? long.MaxValue : sum;
}
