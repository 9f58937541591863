namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>
/// Discretises what the controller observes into 36 states: loss trend (4 bins) × variance
/// trend (3 bins) × training phase (3 bins).
/// </summary>
public static class ControllerStateSpace
{
    public const int LossTrendBins = 4;
    public const int VarianceTrendBins = 3;
    public const int PhaseBins = 3;
    public const int Count = LossTrendBins * VarianceTrendBins * PhaseBins;

    /// <summary>0 falling fast (&lt; −2 %), 1 falling, 2 flat (within ±0.5 %), 3 rising (&gt; +0.5 %).</summary>
    public static int LossTrendBin(double relativeChange) => relativeChange switch
    {
        < -0.02 => 0,
        < -0.005 => 1,
        <= 0.005 => 2,
        _ => 3,
    };

    /// <summary>0 falling (ρ &lt; −10 %), 1 steady (within ±10 %), 2 rising (ρ &gt; +10 %).</summary>
    public static int VarianceTrendBin(double rho) => rho switch
    {
        < -0.1 => 0,
        <= 0.1 => 1,
        _ => 2,
    };

    /// <summary>Thirds of the planned steps; without a plan training counts as early.</summary>
    public static int PhaseBin(long step, long plannedSteps)
    {
        if (plannedSteps <= 0) return 0;
        var fraction = (double)step / plannedSteps;
        return fraction < 1.0 / 3 ? 0 : fraction < 2.0 / 3 ? 1 : 2;
    }

    public static int Index(int lossTrendBin, int varianceTrendBin, int phaseBin) =>
        (lossTrendBin * VarianceTrendBins + varianceTrendBin) * PhaseBins + phaseBin;
}
