using MathNet.Numerics.Statistics;

namespace GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier): from the grace epoch on, a trial
/// stops when its best value so far is worse than the median of the other trials' best values by
/// the same epoch. Compared only once at least <see cref="MinimumOthers"/> other trials reached
/// that epoch, so the first trials of a bracket are never judged on one or two neighbours.
/// </summary>
public sealed class MedianRule(int graceEpochs, int maxEpochs) : IEarlyStopRule
{
    public const int MinimumOthers = 3;

    /// <summary>Per trial, its best value by each epoch reported (index epoch − 1).</summary>
    readonly Dictionary<string, List<double>> bestByEpoch = new(StringComparer.Ordinal);

    public bool Report(string trial, int epoch, double value)
    {
        var best = Record(trial, epoch, value);
        if (epoch < graceEpochs || epoch >= maxEpochs) return false;
        if (!double.IsFinite(best)) return true;
        var others = bestByEpoch.Where(t => t.Key != trial && t.Value.Count >= epoch).Select(t => t.Value[epoch - 1]).ToList();
        return others.Count >= MinimumOthers && best < others.Median();
    }

    public void Replay(string trial, int epoch, double value) => Record(trial, epoch, value);

    double Record(string trial, int epoch, double value)
    {
        if (!bestByEpoch.TryGetValue(trial, out var curve)) bestByEpoch[trial] = curve = [];
        // Epochs arrive in order; a gap (a report lost in a failover) repeats the best so far.
        while (curve.Count < epoch - 1) curve.Add(curve.Count > 0 ? curve[^1] : double.NegativeInfinity);
        if (curve.Count >= epoch) return curve[epoch - 1]; // already recorded (a resumed attempt)
        var best = curve.Count > 0 ? BestOf(curve[^1], value) : value;
        curve.Add(best);
        return best;
    }

    static double BestOf(double a, double b) => double.IsNaN(b) ? a : Math.Max(a, b);
}
