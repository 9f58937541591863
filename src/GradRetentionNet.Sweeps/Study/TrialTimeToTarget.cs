namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// When one trial first reached its dataset's target: cumulative steps and seconds at the end of
/// the first epoch whose validation metric reaches it, +∞ for both when it never did (so medians
/// and performance-profile ratios treat a miss as infinitely slow). <see cref="Epoch"/> is null
/// on a miss.
/// </summary>
public sealed record TrialTimeToTarget(StudyCell Cell, long Seed, int? Epoch, double Steps, double Seconds)
{
    public bool Reached => Epoch is not null;

    public static TrialTimeToTarget Of(TrialCurve trial, double target, GoalDirection goal)
    {
        // A NaN validation value (a diverged epoch) never reaches a target: every comparison with NaN is false.
        var first = trial.Epochs.FirstOrDefault(e => goal.Reaches(e.ValidationMetric, target));
        return first is null
            ? new(trial.Cell, trial.Seed, null, double.PositiveInfinity, double.PositiveInfinity)
            : new(trial.Cell, trial.Seed, first.Epoch, first.CumulativeSteps, first.CumulativeSeconds);
    }
}
