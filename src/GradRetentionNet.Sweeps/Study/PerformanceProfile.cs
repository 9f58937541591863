namespace GradRetentionNet.Sweeps.Study;

/// <summary>A corner of a profile's step function: ρ equals <see cref="Fraction"/> from <see cref="Tau"/> until the next point.</summary>
public sealed record ProfilePoint(double Tau, double Fraction);

/// <summary>
/// One optimizer's performance profile (Dolan &amp; Moré 2002, scored as AlgoPerf does).
/// <see cref="Ratios"/>: per dataset, its time over the best optimizer's time (+∞ on a miss, and
/// for everyone on a dataset that every optimizer missed). ρ(τ) = fraction of datasets with
/// ratio ≤ τ. <see cref="Score"/> = (1/(r_max − 1)) ∫₁^{r_max} ρ(τ) dτ, computed exactly: each
/// dataset with ratio r ≤ r_max contributes r_max − r to the integral, since ρ is a sum of steps.
/// <see cref="Points"/> traces ρ on [1, r_max] for plotting as a post-step line.
/// </summary>
public sealed record PerformanceProfile(
    string Optimizer,
    IReadOnlyDictionary<string, double> Ratios,
    double MaximumRatio,
    double Score,
    IReadOnlyList<ProfilePoint> Points)
{
    /// <summary>AlgoPerf's r_max: an optimizer more than 4× slower than the best earns nothing on that dataset.</summary>
    public const double AlgoPerfMaximumRatio = 4;

    /// <summary>ρ(τ): the fraction of datasets on which this optimizer is within τ × the best.</summary>
    public double Fraction(double tau) => Ratios.Values.Count(r => r <= tau) / (double)Ratios.Count;

    /// <summary>
    /// One profile per optimizer in the input, over every dataset in the input. An optimizer with
    /// no entry for a dataset counts as having missed it, so all profiles share one denominator.
    /// </summary>
    public static IReadOnlyList<PerformanceProfile> Of(IEnumerable<OptimizerTime> times, double maximumRatio = AlgoPerfMaximumRatio)
    {
        if (!(maximumRatio > 1)) throw new ArgumentOutOfRangeException(nameof(maximumRatio), maximumRatio, "r_max must exceed 1.");
        var list = times.ToList();
        if (list.FirstOrDefault(t => double.IsNaN(t.Time) || t.Time < 0) is { } bad)
            throw new ArgumentException($"Time to target must be ≥ 0 or +∞, got {bad.Time} for {bad.Optimizer} on {bad.Dataset}.", nameof(times));

        var datasets = list.Select(t => t.Dataset).Distinct().ToList();
        var optimizers = list.Select(t => t.Optimizer).Distinct().ToList();
        var timeOf = list.ToDictionary(t => (t.Dataset, t.Optimizer), t => t.Time);
        var bestOf = datasets.ToDictionary(d => d, d => list.Where(t => t.Dataset == d).Min(t => t.Time));

        return optimizers.Select(optimizer =>
        {
            var ratios = datasets.ToDictionary(d => d,
                d => Ratio(timeOf.GetValueOrDefault((d, optimizer), double.PositiveInfinity), bestOf[d]));
            return new PerformanceProfile(optimizer, ratios, maximumRatio,
                ExactScore(ratios.Values, maximumRatio), Corners(ratios.Values, maximumRatio));
        }).ToList();
    }

    /// <summary>
    /// time / best; +∞ on a miss or when the best itself missed. A best of 0 (reached before the
    /// first measurement) makes every non-zero time infinitely slower, and a zero time ratio 1.
    /// </summary>
    static double Ratio(double time, double best)
    {
        if (double.IsPositiveInfinity(time) || double.IsPositiveInfinity(best)) return double.PositiveInfinity;
        if (best == 0) return time == 0 ? 1 : double.PositiveInfinity;
        return time / best;
    }

    static double ExactScore(IReadOnlyCollection<double> ratios, double maximumRatio) =>
        ratios.Where(r => r <= maximumRatio).Sum(r => maximumRatio - r) / (ratios.Count * (maximumRatio - 1));

    /// <summary>ρ at τ = 1, at each ratio inside (1, r_max] where it steps up, and at r_max to close the line.</summary>
    static IReadOnlyList<ProfilePoint> Corners(IReadOnlyCollection<double> ratios, double maximumRatio)
    {
        double FractionAt(double tau) => ratios.Count(r => r <= tau) / (double)ratios.Count;
        var corners = ratios.Where(r => r > 1 && r <= maximumRatio).Distinct().Order()
            .Prepend(1.0).Append(maximumRatio).Distinct();
        return corners.Select(tau => new ProfilePoint(tau, FractionAt(tau))).ToList();
    }
}
