using MathNet.Numerics.Statistics;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// The median as the study reports it: the middle value, or the mean of the two middle values.
/// +∞ entries (missed targets) are ordinary values here, so when more than half of them are ∞
/// the median is ∞, and (x + ∞) / 2 = ∞ when exactly half are.
/// </summary>
public static class StudyMedian
{
    /// <summary>Null for an empty sample rather than MathNet's NaN.</summary>
    public static double? Of(IEnumerable<double> values)
    {
        var array = values.ToArray();
        if (array.Length == 0) return null;
        if (array.Any(double.IsNaN))
            throw new ArgumentException("A median over NaN is meaningless; drop failed values first.", nameof(values));
        Array.Sort(array);
        return SortedArrayStatistics.Median(array);
    }
}
