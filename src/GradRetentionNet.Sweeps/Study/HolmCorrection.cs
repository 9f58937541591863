namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// Holm's step-down correction for m simultaneous tests: sort the p-values ascending, multiply the
/// i-th smallest by (m − i + 1), carry the running maximum so adjusted values never decrease with
/// the raw ones, cap at 1. Controls the family-wise error rate like Bonferroni, never less
/// powerful. Undefined (null) p-values are not tests: they are left null and do not count in m.
/// </summary>
public static class HolmCorrection
{
    /// <summary>Adjusted p-values in the input order.</summary>
    public static IReadOnlyList<double?> Adjust(IReadOnlyList<double?> pValues)
    {
        var defined = Enumerable.Range(0, pValues.Count)
            .Where(i => pValues[i] is not null)
            .OrderBy(i => pValues[i]!.Value)
            .ToList();
        var m = defined.Count;
        var adjusted = new double?[pValues.Count];
        var runningMaximum = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = defined[rank];
            runningMaximum = Math.Max(runningMaximum, Math.Min(1, (m - rank) * pValues[index]!.Value));
            adjusted[index] = runningMaximum;
        }
        return adjusted;
    }
}
