using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// The validation figure a study chooses by (protocol select_by), read off a job's epochs. The same
/// figure drives the validation curves, the target and time to target.
/// </summary>
public static class SelectionFigure
{
    public static GoalDirection Goal(ProtocolSpec protocol) =>
        protocol.SelectsHigher ? GoalDirection.HigherIsBetter : GoalDirection.LowerIsBetter;

    /// <summary>The epoch's validation metric, or its validation loss when the study selects by loss; NaN for an epoch without one.</summary>
    public static double ValueOf(EpochRecord epoch, ProtocolSpec protocol) =>
        (protocol.SelectsHigher ? epoch.ValidationMetric : epoch.ValidationLoss) ?? double.NaN;

    /// <summary>
    /// A tuning trial's best finite value over its epochs; null unless it completed or was stopped
    /// early. A diverged configuration must not be chosen for the good epochs before it blew up (its
    /// full-length re-run would likely diverge again), and a failed or cancelled trial's curve is
    /// cut short for reasons that have nothing to do with the optimizer.
    /// </summary>
    public static double? BestOf(JobResult result, ProtocolSpec protocol) =>
        result.Status is JobState.Completed or JobState.StoppedEarly ? Best(result.Epochs, protocol) : null;

    /// <summary>The best finite value over <paramref name="epochs"/>; null when none has one.</summary>
    public static double? Best(IEnumerable<EpochRecord> epochs, ProtocolSpec protocol)
    {
        var values = epochs.Select(e => ValueOf(e, protocol)).Where(double.IsFinite).ToList();
        return values.Count == 0 ? null : Goal(protocol).Best(values);
    }
}
