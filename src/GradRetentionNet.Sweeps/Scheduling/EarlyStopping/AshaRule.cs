using MathNet.Numerics.Statistics;

namespace GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

/// <summary>
/// Asynchronous successive halving (Li et al. 2020, "A System for Massively Parallel
/// Hyperparameter Tuning"): rungs at grace·η^k epochs below the full length; a trial reaching a
/// rung goes on only if its value is at least the (1 − 1/η) quantile of the values recorded at that
/// rung so far, itself included. Decisions are made as epochs report — no trial waits for a rung
/// to fill — so the first trials through a rung always continue and later ones face a growing field.
/// </summary>
public sealed class AshaRule : IEarlyStopRule
{
    readonly Dictionary<int, List<double>> rungs = [];
    readonly double keepQuantile;

    public AshaRule(int graceEpochs, int reductionFactor, int maxEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(graceEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        keepQuantile = 1 - 1.0 / reductionFactor;
        for (long epoch = graceEpochs; epoch < maxEpochs; epoch *= reductionFactor) rungs[(int)epoch] = [];
    }

    /// <summary>The epochs at which trials are compared, ascending.</summary>
    public IReadOnlyList<int> Rungs => [.. rungs.Keys.Order()];

    public bool Report(string trial, int epoch, double value)
    {
        if (!rungs.TryGetValue(epoch, out var recorded)) return false;
        recorded.Add(value);
        // numpy's percentile (linear interpolation, R-7), as Ray Tune's ASHA uses.
        var cutoff = recorded.QuantileCustom(keepQuantile, QuantileDefinition.R7);
        return !double.IsFinite(value) || value < cutoff;
    }

    public void Replay(string trial, int epoch, double value)
    {
        if (rungs.TryGetValue(epoch, out var recorded)) recorded.Add(value);
    }
}
