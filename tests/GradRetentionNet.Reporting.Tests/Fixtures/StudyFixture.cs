using System.Globalization;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.Tests.Fixtures;

/// <summary>
/// A finished study as the analysis would hand it over, with every job written as a real folder:
/// sgd, adam (baselines) and enhanced-sgd (the candidate) on two datasets, 8 quasi-random
/// configurations each on tuning seed 1 (some stopped early by ASHA, one diverged), the choices
/// re-run on evaluation seeds 11–15 (one failed). mnist-digits-10k runs 6 epochs (epoch curves);
/// fashion-mnist 3 (per-step loss from batches.csv). The statistics are the study's own
/// (Sweeps/Study); only the verdict assembly, StudyAnalysis's job, is done here by hand.
/// </summary>
public sealed class StudyFixture
{
    public const string Name = "study-digits";
    public const string Candidate = "enhanced-sgd";
    public static readonly string[] Datasets = ["mnist-digits-10k", "fashion-mnist"];
    public static readonly string[] Optimizers = ["sgd", "adam", Candidate];
    public static readonly long[] TuneSeeds = [1];
    public static readonly long[] EvaluateSeeds = [11, 12, 13, 14, 15];
    const int Trials = 8;

    static readonly Dictionary<(string Dataset, string Optimizer), Behaviour> Behaviours = new()
    {
        [("mnist-digits-10k", "sgd")] = new(0.962, 0.05, 1.6),
        [("mnist-digits-10k", "adam")] = new(0.968, 0.001, 1.1),
        [("mnist-digits-10k", Candidate)] = new(0.976, 0.08, 0.9),
        [("fashion-mnist", "sgd")] = new(0.872, 0.05, 1.4),
        [("fashion-mnist", "adam")] = new(0.886, 0.0012, 0.8),
        [("fashion-mnist", Candidate)] = new(0.881, 0.07, 0.9),
    };

    static readonly Dictionary<string, (double Low, double High)> LearningRates = new()
    {
        ["sgd"] = (0.001, 1), ["adam"] = (0.00001, 0.01), [Candidate] = (0.001, 1),
    };

    public StudyFixture(string outputRoot)
    {
        OutputRoot = outputRoot;
        var tuning = new List<TuningTrial>();
        var cells = new List<(StudyCell Cell, IReadOnlyDictionary<string, string> Chosen, double SelectionValue, List<StudyJob> Jobs)>();
        var curves = new List<TrialCurve>();
        var seeds = new List<SeedMetric>();

        foreach (var dataset in Datasets)
        {
            var epochs = dataset == "fashion-mnist" ? 3 : 6;
            foreach (var optimizer in Optimizers)
            {
                var behaviour = Behaviours[(dataset, optimizer)];
                var trials = Tune(dataset, optimizer, epochs, behaviour);
                tuning.AddRange(trials);
                var best = trials.Where(t => t.BestValidation is not null).MaxBy(t => t.BestValidation!.Value)!;
                var jobs = new List<StudyJob>();
                foreach (var seed in EvaluateSeeds)
                {
                    var failed = dataset == "fashion-mnist" && optimizer == Candidate && seed == 14;
                    var spec = SyntheticJobs.Spec(dataset, optimizer, seed, epochs, best.HyperParameters);
                    var noise = new Random((int)seed * 100 + Array.IndexOf(Optimizers, optimizer) * 10 + Array.IndexOf(Datasets, dataset));
                    var seedOffset = SyntheticJobs.Gaussian(new Random((int)seed * 7 + Array.IndexOf(Datasets, dataset)), 0.004);
                    var plateau = SyntheticJobs.Plateau(behaviour, double.Parse(best.HyperParameters["lr"], CultureInfo.InvariantCulture));
                    var (result, batches) = SyntheticJobs.Run(spec, behaviour, plateau, seedOffset,
                        failed ? JobState.Failed : JobState.Completed, failed ? 1 : epochs, noise);
                    var folder = PlannedJob.FolderOf(outputRoot, Name, spec, result.JobId);
                    SyntheticJobs.WriteFolder(folder, result, batches);
                    Results.Add(result);
                    jobs.Add(new StudyJob(result.JobId, seed, result.Status, folder));
                    curves.Add(Curve(result));
                    seeds.Add(new SeedMetric(dataset, optimizer, seed, result.Status == JobState.Completed ? result.FinalMetric : null));
                }
                cells.Add((new StudyCell(dataset, optimizer), best.HyperParameters, best.BestValidation!.Value, jobs));
            }
        }

        var targets = DatasetTarget.ByDataset(curves, GoalDirection.HigherIsBetter);
        var times = CellTimeToTarget.ByCell(curves, targets);
        var finals = FinalMetricSummary.ByCell(seeds);
        var comparisons = StudyComparisons.Compare(seeds, [Candidate], GoalDirection.HigherIsBetter);
        var cellResults = cells.Select(c => new StudyCellResult(c.Cell, "simple-cnn", c.Chosen, c.SelectionValue, Trials,
            finals.Single(f => f.Cell == c.Cell), times.Single(t => t.Cell == c.Cell), c.Jobs)).ToList();
        Study = new StudyResults(
            Name,
            new ProtocolSpec(TuneSeeds, EvaluateSeeds),
            GoalDirection.HigherIsBetter,
            Datasets, Optimizers, [Candidate],
            Verdicts(cellResults, comparisons),
            cellResults,
            targets,
            comparisons,
            PerformanceProfile.Of(OptimizerTime.InSteps(times)),
            PerformanceProfile.Of(OptimizerTime.InSeconds(times)),
            tuning,
            AblationComparisons.Compare(seeds, Optimizers, GoalDirection.HigherIsBetter));
    }

    public string OutputRoot { get; }

    /// <summary>Where grn run puts a study's report: the study's own folder, above its jobs'.</summary>
    public string ReportFolder => Path.Combine(OutputRoot, Name);

    public StudyResults Study { get; }

    public List<JobResult> Results { get; } = [];

    // Quasi-random-like configurations: log-uniform lr (and a retention factor for the candidate),
    // ASHA stopping the weak ones after 2 epochs, sgd diverging at its largest rate.
    List<TuningTrial> Tune(string dataset, string optimizer, int epochs, Behaviour behaviour)
    {
        var random = new Random(7 + Array.IndexOf(Optimizers, optimizer) + 31 * Array.IndexOf(Datasets, dataset));
        var (low, high) = LearningRates[optimizer];
        var trials = new List<TuningTrial>();
        double? bestSoFar = null;
        for (var trial = 1; trial <= Trials; trial++)
        {
            // A base-2 van der Corput point (0.5, 0.25, 0.75, …) with a little jitter: spread over the range, not in order.
            var position = VanDerCorput(trial) + (random.NextDouble() - 0.5) / (4 * Trials);
            var lr = Math.Pow(10, Math.Log10(low) + position * (Math.Log10(high) - Math.Log10(low)));
            var hyperParameters = new Dictionary<string, string> { ["lr"] = lr.ToString("0.######", CultureInfo.InvariantCulture) };
            if (optimizer == "sgd") hyperParameters["momentum"] = "0.9";
            if (optimizer == Candidate) hyperParameters["retention"] = (0.5 + 0.49 * random.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture);
            lr = double.Parse(hyperParameters["lr"], CultureInfo.InvariantCulture);

            var plateau = SyntheticJobs.Plateau(behaviour, lr);
            var diverged = optimizer == "sgd" && trial == Trials;
            var stopped = !diverged && plateau < behaviour.Peak - 0.05;
            var state = diverged ? JobState.Diverged : stopped ? JobState.StoppedEarly : JobState.Completed;
            var spec = SyntheticJobs.Spec(dataset, optimizer, TuneSeeds[0], epochs, hyperParameters);
            var (result, _) = SyntheticJobs.Run(spec, behaviour, plateau, 0, state, diverged ? 0 : stopped ? 2 : epochs, random);
            var folder = PlannedJob.FolderOf(OutputRoot, Name, spec, result.JobId);
            SyntheticJobs.WriteFolder(folder, result, batches: null);
            Results.Add(result);

            double? best = result.Epochs.Count == 0 ? null : result.Epochs.Max(e => e.ValidationMetric!.Value);
            if (best is { } b) bestSoFar = Math.Max(bestSoFar ?? b, b);
            trials.Add(new TuningTrial(dataset, optimizer, trial, hyperParameters, TuneSeeds[0], state, best, bestSoFar, result.JobId, folder));
        }
        return trials;
    }

    static double VanDerCorput(int n)
    {
        var (value, scale) = (0.0, 0.5);
        for (; n > 0; n /= 2, scale /= 2) value += (n % 2) * scale;
        return value;
    }

    static TrialCurve Curve(JobResult result)
    {
        var points = result.Epochs.Select((e, i) => new ValidationPoint(e.Epoch, e.Steps,
            result.Epochs.Take(i + 1).Sum(x => x.TrainSeconds), e.ValidationMetric!.Value)).ToList();
        return new TrialCurve(result.Spec.Dataset, result.Spec.Optimizer, result.Spec.Seed, result.Status != JobState.Completed, points);
    }

    // Against the baseline with the best mean final metric on each dataset, as the analysis decides.
    static List<DatasetVerdict> Verdicts(IReadOnlyList<StudyCellResult> cells, IReadOnlyList<PairedComparison> comparisons) =>
        (from dataset in Datasets
         let bestBaseline = cells.Where(c => c.Cell.Dataset == dataset && StudyBaselines.IsBaseline(c.Cell.Optimizer))
             .MaxBy(c => c.Final.Summary?.Mean ?? double.NegativeInfinity)!.Cell.Optimizer
         let against = comparisons.Where(c => c.Dataset == dataset && c.Candidate == Candidate).ToList()
         let chosen = against.Single(c => c.Baseline == bestBaseline)
         select new DatasetVerdict(dataset, Candidate, bestBaseline, chosen.Verdict, chosen.Sentence, against)).ToList();
}
