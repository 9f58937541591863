using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// One evaluation-phase job read as the study's statistics take it: its final test metric (a
/// <see cref="SeedMetric"/>) and its validation curve (a <see cref="TrialCurve"/>), both under its
/// workload's name.
/// </summary>
public static class EvaluationRun
{
    /// <summary>
    /// The last epoch's test metric of a completed job; NaN for a diverged one and null for any other
    /// (failed, cancelled, not finished yet), so <see cref="SeedMetric.Failed"/> leaves both out of
    /// the means and the pairs.
    /// </summary>
    public static SeedMetric FinalOf(JobResult result, string workload) =>
        new(workload, result.Spec.Optimizer, result.Spec.Seed, result.Status switch
        {
            JobState.Completed => result.FinalMetric,
            JobState.Diverged => double.NaN,
            _ => null,
        });

    /// <summary>
    /// The job's select_by value per epoch (NaN where an epoch has none), with the steps the job
    /// records (already cumulative: <see cref="EpochRecord.Steps"/> is the global step count at the
    /// epoch's end) and the training seconds summed up to each epoch's end. Test passes are left
    /// out of the time: they measure, they do not train, and their cost does not depend on the
    /// optimizer (the validation pass is not timed at all). Failed unless it completed or diverged:
    /// a diverged run finished, and it simply misses the target from its divergence on.
    /// </summary>
    public static TrialCurve CurveOf(JobResult result, string workload, ProtocolSpec protocol)
    {
        var seconds = 0.0;
        var points = new List<ValidationPoint>(result.Epochs.Count);
        foreach (var epoch in result.Epochs)
        {
            seconds += epoch.TrainSeconds;
            points.Add(new ValidationPoint(epoch.Epoch, epoch.Steps, seconds, SelectionFigure.ValueOf(epoch, protocol)));
        }
        var failed = result.Status is not (JobState.Completed or JobState.Diverged);
        return new TrialCurve(workload, result.Spec.Optimizer, result.Spec.Seed, failed, points);
    }
}
