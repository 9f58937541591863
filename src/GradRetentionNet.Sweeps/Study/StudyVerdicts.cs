using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// The verdict table: per workload and candidate, the paired comparison with the best baseline
/// there — the baseline with the highest mean final test metric (the first in the spec's order on
/// a tie) — since beating the strongest standard optimizer is what a researcher wants to know.
/// A candidate without evaluation seeds, or a workload without a baseline that finished one, has
/// no comparison: it ties, and the sentence says why.
/// </summary>
public static class StudyVerdicts
{
    /// <param name="cells">Every cell, in the spec's optimizer order (the tie-break between equal baselines).</param>
    /// <param name="tuning">The tuning trials: they tell a candidate that can have no choice from one not evaluated yet.</param>
    public static IReadOnlyList<DatasetVerdict> Of(IReadOnlyList<string> workloads, IReadOnlyList<string> candidates,
        IReadOnlyList<StudyCellResult> cells, IReadOnlyList<PairedComparison> comparisons, IReadOnlyList<TuningTrial> tuning) =>
        (from workload in workloads
         from candidate in candidates
         select Of(workload, candidate, cells, comparisons, tuning.Where(t => t.Dataset == workload && t.Optimizer == candidate).ToList())).ToList();

    static DatasetVerdict Of(string workload, string candidate, IReadOnlyList<StudyCellResult> cells,
        IReadOnlyList<PairedComparison> comparisons, IReadOnlyList<TuningTrial> candidateTuning)
    {
        var against = comparisons.Where(c => c.Dataset == workload && c.Candidate == candidate).ToList();
        var bestBaseline = cells
            .Where(c => c.Cell.Dataset == workload && StudyBaselines.IsBaseline(c.Cell.Optimizer) && c.Final.Summary is not null)
            .OrderByDescending(c => c.Final.Summary!.Mean)
            .FirstOrDefault()?.Cell.Optimizer;
        if (bestBaseline is null)
            return new(workload, candidate, null, Verdict.Ties,
                $"On {workload}, {candidate} has no baseline to compare with: no baseline ({string.Join(", ", StudyBaselines.Names)}) finished an evaluation seed there.",
                against);

        var candidateCell = cells.Single(c => c.Cell == new StudyCell(workload, candidate));
        if (candidateCell.EvaluationJobs.Count == 0)
            return new(workload, candidate, bestBaseline, Verdict.Ties,
                NothingToChoose(candidateTuning)
                    ? $"On {workload}, {candidate} has nothing to compare with {bestBaseline}: none of its {candidateCell.TunedConfigurations} tuned configuration(s) " +
                      "gave a validation value (each failed or diverged), so none was chosen."
                    : $"On {workload}, {candidate} has no evaluation seeds to compare with {bestBaseline} yet.",
                against);

        var versusBest = against.Single(c => c.Baseline == bestBaseline);
        return new(workload, candidate, bestBaseline, versusBest.Verdict, versusBest.Sentence, against);
    }

    /// <summary>Tuning is over and no trial has a best validation value: no choice will ever be evaluated.</summary>
    static bool NothingToChoose(IReadOnlyList<TuningTrial> trials) =>
        trials.Count > 0 && trials.All(t => t.State.IsFinished() && t.BestValidation is null);
}
