using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Tests.Study;

/// <summary>A small study spec and its jobs' results built in code, so each test states only the numbers it is about.</summary>
static class StudyRuns
{
    public const string Digits = "mnist-digits-10k";
    public const string Fashion = "fashion-mnist";

    /// <summary>The optimizer compared with the baselines.</summary>
    public const string Candidate = "enhanced-sgd";

    /// <summary>
    /// Two baselines and one candidate on a grid: sgd lr ∈ {0.1, 0.01}, adam lr ∈ {0.001, 0.0001},
    /// the candidate enhanced-sgd lr ∈ {0.1, 0.01, 0.001} (the plan's order, so trial numbers 1, 2, 3). Tuned on seed 1,
    /// evaluated on seeds 11–15.
    /// </summary>
    public static SweepSpec StudySpec(string datasets = Digits, string selectBy = "validation_metric", string target = "{from: baselines}",
        string optimizers = "{sgd: {lr: [0.1, 0.01]}, adam: {lr: [0.001, 0.0001]}, enhanced-sgd: {lr: [0.1, 0.01, 0.001]}}") =>
        SweepSpecParser.Parse($$"""
            name: study-test
            datasets: [{{datasets}}]
            optimizers: {{optimizers}}
            search: {method: grid}
            validation: {fraction: 0.1}
            epochs: 3
            protocol:
              tune_seeds: [1]
              evaluate_seeds: [11, 12, 13, 14, 15]
              select_by: {{selectBy}}
              target: {{target}}
            """, "study.yaml");

    public static IReadOnlyDictionary<string, string> Lr(string value) => new SortedDictionary<string, string>(StringComparer.Ordinal) { ["lr"] = value };

    /// <summary>
    /// A job whose epoch e (1-based) ends at 100·e steps after 10 s of training (and 2 s of testing),
    /// with the given validation metric (its loss is 1 − metric) and a test accuracy of
    /// <paramref name="finalTest"/> at the last epoch (0.1 lower before).
    /// </summary>
    public static JobResult Run(string optimizer, long seed, IReadOnlyDictionary<string, string> hyperParameters, double finalTest,
        double[] validation, JobState state = JobState.Completed, string dataset = Digits, string model = "simple-cnn")
    {
        var spec = new JobSpec
        {
            Dataset = dataset, Model = model, Optimizer = optimizer, Seed = seed, Epochs = 3, HyperParameters = hyperParameters,
            ValidationFraction = 0.1,
        };
        var epochs = validation.Select((v, i) => new EpochRecord(i + 1, 100L * (i + 1), 1.0, 1.0,
            i == validation.Length - 1 ? finalTest : finalTest - 0.1, null, null, 10, 2, 0, null, null, 1 - v, v)).ToList();
        return new JobResult
        {
            JobId = spec.Id, Spec = spec, ResolvedHyperParameters = hyperParameters,
            Environment = new RunEnvironment("cpu", "test", "linux", "10.0", "0.107.0", 1, 1),
            Dataset = new DatasetSummary(dataset, "mnist", "classification", 10, 9000, 1000, "test", 1000),
            Status = state, Epochs = epochs,
        };
    }

    /// <summary>One evaluation job per final test accuracy on seeds 11, 12, …; NaN stands for a failed seed (no epochs).</summary>
    public static IEnumerable<JobResult> Evaluated(string optimizer, IReadOnlyDictionary<string, string> chosen, double[] validation,
        string dataset = Digits, params double[] finals) =>
        finals.Select((final, i) => double.IsNaN(final)
            ? Run(optimizer, 11 + i, chosen, 0, [], JobState.Failed, dataset)
            : Run(optimizer, 11 + i, chosen, final, validation, dataset: dataset));

    public static readonly double[] SgdCurve = [0.6, 0.8, 0.85];
    public static readonly double[] AdamCurve = [0.7, 0.85, 0.9];
    public static readonly double[] CandidateCurve = [0.8, 0.9, 0.95];

    /// <summary>The tuning phase on seed 1: sgd chooses lr=0.01 (lr=0.1 was stopped early), adam lr=0.001 (its other trial failed), the candidate lr=0.01 (its lr=0.1 diverged).</summary>
    public static IEnumerable<JobResult> Tuning() =>
    [
        Run("sgd", 1, Lr("0.1"), 0.7, [0.5, 0.7], JobState.StoppedEarly),
        Run("sgd", 1, Lr("0.01"), 0.8, [0.4, 0.6, 0.85]),
        Run("adam", 1, Lr("0.001"), 0.8, [0.6, 0.8, 0.9]),
        Run("adam", 1, Lr("0.0001"), 0, [], JobState.Failed),
        // Listed out of plan order: trial numbers come from the plan, not from the order results arrive in.
        Run(Candidate, 1, Lr("0.001"), 0.8, [0.5, 0.6, 0.7]),
        Run(Candidate, 1, Lr("0.01"), 0.8, [0.7, 0.88, 0.92]),
        Run(Candidate, 1, Lr("0.1"), 0.8, [0.95, double.NaN], JobState.Diverged),
    ];

    /// <summary>
    /// The evaluation phase on seeds 11–15. Best validation per seed: sgd 0.85, adam 0.9, so the
    /// target is the median of five 0.85 and five 0.9: 0.875. Candidate − adam = 0.04, 0.05, 0.03, 0.05, 0.03.
    /// </summary>
    public static IEnumerable<JobResult> Evaluation(double[]? candidateFinals = null) =>
        Evaluated("sgd", Lr("0.01"), SgdCurve, Digits, 0.90, 0.90, 0.90, 0.90, 0.90)
            .Concat(Evaluated("adam", Lr("0.001"), AdamCurve, Digits, 0.91, 0.92, 0.93, 0.94, 0.95))
            .Concat(Evaluated(Candidate, Lr("0.01"), CandidateCurve, Digits, candidateFinals ?? [0.95, 0.97, 0.96, 0.99, 0.98]));

    /// <summary>Where the tests say a job's folder is: its id under /runs.</summary>
    public static string FolderOf(JobResult result) => $"/runs/{result.JobId}";
}
