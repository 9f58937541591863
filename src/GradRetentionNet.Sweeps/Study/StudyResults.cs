using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// What a study reports (docs/study-protocol.md, "What is reported"), computed from its spec and
/// its jobs' results by <c>StudyAnalysis</c>: everything the console tables, the exported tables
/// and the report page show. The final metric is the test metric of the evaluation seeds' last
/// epoch (higher is better); targets, time to target and selection use validation only.
/// </summary>
/// <param name="Candidates">The optimizers compared against the baselines: every optimizer of the study that is not one.</param>
/// <param name="SelectGoal">Which way select_by improves (and so the validation curves and the target).</param>
/// <param name="Verdicts">Per dataset and candidate, in dataset then candidate order: the table a study's report starts with.</param>
/// <param name="Cells">Per dataset × optimizer: its choice, final metric over evaluation seeds, time to target.</param>
/// <param name="Comparisons">Every candidate against every baseline on every dataset, Holm-corrected across the study.</param>
/// <param name="ProfilesInSteps">Performance profiles over datasets from the median steps to target, with the AlgoPerf score (r_max = 4).</param>
/// <param name="Tuning">Every tuning-phase trial, in trial order per dataset × optimizer, with its best validation value and the best so far.</param>
/// <param name="Ablations">The full EnhancedSGD design against each of its ablations in the study, per dataset, Holm-corrected within that family.</param>
public sealed record StudyResults(
    string Study,
    ProtocolSpec Protocol,
    GoalDirection SelectGoal,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Optimizers,
    IReadOnlyList<string> Candidates,
    IReadOnlyList<DatasetVerdict> Verdicts,
    IReadOnlyList<StudyCellResult> Cells,
    IReadOnlyList<DatasetTarget> Targets,
    IReadOnlyList<PairedComparison> Comparisons,
    IReadOnlyList<PerformanceProfile> ProfilesInSteps,
    IReadOnlyList<PerformanceProfile> ProfilesInSeconds,
    IReadOnlyList<TuningTrial> Tuning,
    IReadOnlyList<AblationComparison> Ablations);

/// <summary>
/// One optimizer on one dataset in a study: the configuration the tuning phase chose (null when
/// every tuning trial failed: it has no evaluation jobs), its final test metric over the evaluation
/// seeds, its time to target, and the evaluation jobs (id and folder) behind them.
/// </summary>
public sealed record StudyCellResult(
    StudyCell Cell,
    string Model,
    IReadOnlyDictionary<string, string>? Chosen,
    double? SelectionValue,
    int TunedConfigurations,
    FinalMetricSummary Final,
    CellTimeToTarget Time,
    IReadOnlyList<StudyJob> EvaluationJobs);

/// <summary>One job of a study, for links from a report's rows to its folder.</summary>
public sealed record StudyJob(string JobId, long Seed, JobState State, string OutputDirectory);

/// <summary>
/// One tuning trial (one configuration on one tuning seed): its best validation value (select_by;
/// null unless it completed or stopped early with a finite one: a failed or diverged trial has
/// none) and the best over this optimizer's trials up to and including it, in trial order — the
/// tuning curve.
/// </summary>
/// <param name="Trial">1-based: the configuration's place among its optimizer's configurations on this dataset.</param>
/// <param name="BestSoFar">The best selection value (median over tuning seeds of the best validation) among configurations 1…Trial: the same for every seed of a trial.</param>
public sealed record TuningTrial(
    string Dataset,
    string Optimizer,
    int Trial,
    IReadOnlyDictionary<string, string> HyperParameters,
    long Seed,
    JobState State,
    double? BestValidation,
    double? BestSoFar,
    string JobId,
    string OutputDirectory);

/// <summary>
/// A candidate's verdict on one dataset: against the best baseline there (the baseline with the
/// best mean final test metric), wins / ties / loses by the paired 95 % interval, with the plain
/// sentence the report prints; <see cref="Against"/> holds the comparison with each baseline.
/// </summary>
public sealed record DatasetVerdict(
    string Dataset,
    string Candidate,
    string? BestBaseline,
    Verdict Verdict,
    string Sentence,
    IReadOnlyList<PairedComparison> Against);
