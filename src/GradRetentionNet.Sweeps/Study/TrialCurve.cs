namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// One epoch of a trial's validation curve. Steps and seconds are cumulative to the end of the
/// epoch, so a time to target can be read off the first epoch that reaches it.
/// </summary>
public sealed record ValidationPoint(int Epoch, long CumulativeSteps, double CumulativeSeconds, double ValidationMetric);

/// <summary>
/// One evaluation trial's validation curve, in epoch order. <see cref="Failed"/> marks a trial
/// that did not finish (its curve may be partial or empty).
/// </summary>
public sealed record TrialCurve(string Dataset, string Optimizer, long Seed, bool Failed, IReadOnlyList<ValidationPoint> Epochs)
{
    public StudyCell Cell => new(Dataset, Optimizer);
}
