using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A study's report (docs/study-protocol.md, "What is reported") from its spec and its jobs'
/// results, wherever they come from (the embedded run, the cluster's API). A job's phase is told
/// by its seed; tuning jobs become the tuning curve, evaluation jobs the cells, and from the cells
/// come the targets, the paired comparisons, the performance profiles, the verdicts and the
/// ablations (EnhancedSGD against each of its ablations). The final metric compared is the test
/// metric (higher is better); everything chosen or timed uses the validation figure select_by
/// names. Partial results (a study still running) give a partial report.
/// </summary>
public static class StudyAnalysis
{
    /// <param name="folderOf">Each job's output folder (e.g. from <see cref="Scheduling.PlannedJob.FolderOf"/>), for links from the report.</param>
    /// <exception cref="ArgumentException">The spec has no protocol: it is not a study.</exception>
    /// <exception cref="InvalidDataException">A cell's evaluation jobs ran different configurations.</exception>
    public static StudyResults Analyze(SweepSpec spec, IReadOnlyList<JobResult> results, Func<JobResult, string> folderOf)
    {
        var protocol = spec.Protocol ?? throw new ArgumentException($"sweep '{spec.Name}' is not a study: its spec has no protocol");
        var goal = SelectionFigure.Goal(protocol);
        var workloads = StudyWorkload.Of(spec);
        var candidates = spec.Optimizers.Where(o => !StudyBaselines.IsBaseline(o)).ToList();
        var tuning = TuningTrials.Of(spec, workloads, results.Where(r => protocol.PhaseOf(r.Spec.Seed) == StudyPhase.Tune), folderOf);

        var evaluation = results.Where(r => protocol.PhaseOf(r.Spec.Seed) == StudyPhase.Evaluate).ToList();
        var jobsOf = (from workload in workloads
                      from optimizer in spec.Optimizers
                      select (Workload: workload, Optimizer: optimizer,
                          Jobs: evaluation.Where(r => workload.Runs(r.Spec) && r.Spec.Optimizer == optimizer).ToList())).ToList();
        var curves = jobsOf.SelectMany(c => c.Jobs.Select(r => EvaluationRun.CurveOf(r, c.Workload.Name, protocol))).ToList();
        var targets = workloads.Select(w => protocol.TargetValue is { } value
            ? new DatasetTarget(w.Name, goal, value, 0)
            : DatasetTarget.Of(w.Name, curves, goal)).ToList();

        var cells = jobsOf.Select(c => StudyCellResults.Of(c.Workload, c.Optimizer, c.Jobs,
            tuning.Where(t => t.Dataset == c.Workload.Name && t.Optimizer == c.Optimizer).ToList(),
            targets.Single(t => t.Dataset == c.Workload.Name), protocol, folderOf)).ToList();
        var finals = jobsOf.SelectMany(c => c.Jobs.Select(r => EvaluationRun.FinalOf(r, c.Workload.Name))).ToList();
        var comparisons = StudyComparisons.Compare(finals, candidates, GoalDirection.HigherIsBetter);
        var workloadNames = workloads.Select(w => w.Name).ToList();

        return new StudyResults(
            spec.Name,
            protocol,
            goal,
            workloadNames,
            spec.Optimizers,
            candidates,
            StudyVerdicts.Of(workloadNames, candidates, cells, comparisons, tuning),
            cells,
            targets,
            comparisons,
            PerformanceProfile.Of(OptimizerTime.InSteps(cells.Select(c => c.Time))),
            PerformanceProfile.Of(OptimizerTime.InSeconds(cells.Select(c => c.Time))),
            tuning,
            AblationComparisons.Compare(finals, spec.Optimizers, GoalDirection.HigherIsBetter));
    }
}
