using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>One workload × optimizer of a study, from its evaluation jobs and its tuning trials.</summary>
public static class StudyCellResults
{
    /// <param name="evaluation">The cell's evaluation-phase jobs; none when nothing was chosen (every tuning trial failed) or the phase has not started.</param>
    /// <param name="tuning">The cell's tuning trials: the choice's selection value and the budget spent are read from them.</param>
    public static StudyCellResult Of(StudyWorkload workload, string optimizer, IReadOnlyList<JobResult> evaluation,
        IReadOnlyList<TuningTrial> tuning, DatasetTarget target, ProtocolSpec protocol, Func<JobResult, string> folderOf)
    {
        var cell = new StudyCell(workload.Name, optimizer);
        var chosen = ChosenBy(evaluation, cell);
        var chosenText = chosen is null ? null : GridPoint.From(chosen).Canonical;
        var selectionValue = chosenText is null ? null
            : TuningTrials.SelectionValueOf(tuning.Where(t => GridPoint.From(t.HyperParameters).Canonical == chosenText));
        return new StudyCellResult(
            cell,
            workload.Model,
            chosen,
            selectionValue,
            tuning.Select(t => t.Trial).Distinct().Count(),
            FinalMetricSummary.Of(cell, evaluation.Select(r => EvaluationRun.FinalOf(r, workload.Name)).ToList()),
            CellTimeToTarget.Of(cell, evaluation.Select(r => EvaluationRun.CurveOf(r, workload.Name, protocol)).ToList(), target),
            evaluation.OrderBy(r => r.Spec.Seed).Select(r => new StudyJob(r.JobId, r.Spec.Seed, r.Status, folderOf(r))).ToList());
    }

    /// <summary>
    /// The configuration the evaluation jobs ran: the tuning phase's choice. Jobs of one cell that ran
    /// different ones cannot be summarised as one choice, so they are refused rather than mixed.
    /// </summary>
    static IReadOnlyDictionary<string, string>? ChosenBy(IReadOnlyList<JobResult> evaluation, StudyCell cell)
    {
        var configurations = evaluation.Select(r => r.Spec.HyperParameters).DistinctBy(c => GridPoint.From(c).Canonical).ToList();
        return configurations.Count switch
        {
            0 => null,
            1 => configurations[0],
            _ => throw new InvalidDataException(
                $"the evaluation jobs of {cell.Optimizer} on {cell.Dataset} ran {configurations.Count} configurations " +
                $"({string.Join("; ", configurations.Select(c => GridPoint.From(c).ToString()))}): a study re-runs one choice per cell"),
        };
    }
}
