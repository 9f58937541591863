namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>What the controller sees at a decision: the interval that just ended.</summary>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="Loss">Loss EMA now.</param>
/// <param name="PreviousLoss">Loss EMA at the start of the interval.</param>
/// <param name="VarianceTrend">ρ, the relative change of σ² over the interval.</param>
/// <param name="PlannedSteps">Planned steps of the run (0 if unknown).</param>
/// <param name="SpikeSeen">Whether the loss-spike guard fired during the interval.</param>
public readonly record struct IntervalObservation(
    long Step, double Loss, double PreviousLoss, double VarianceTrend, long PlannedSteps, bool SpikeSeen)
{
    /// <summary>Relative change of the loss EMA over the interval.</summary>
    public double LossTrend => PreviousLoss > 0 ? (Loss - PreviousLoss) / PreviousLoss : 0;

    /// <summary>The discretised state index in [0, 36).</summary>
    public int State => ControllerStateSpace.Index(
        ControllerStateSpace.LossTrendBin(LossTrend),
        ControllerStateSpace.VarianceTrendBin(VarianceTrend),
        ControllerStateSpace.PhaseBin(Step, PlannedSteps));
}
