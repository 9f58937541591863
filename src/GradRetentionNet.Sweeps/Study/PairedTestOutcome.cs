namespace GradRetentionNet.Sweeps.Study;

/// <summary>Whether a paired test could be computed, and if not, why.</summary>
public enum PairedTestOutcome
{
    Defined,
    /// <summary>Fewer than two matched seeds: no spread to test against.</summary>
    TooFewPairs,
    /// <summary>
    /// Every difference is zero. The t statistic is 0/0; the Wilcoxon test has nothing to rank
    /// and reports p = 1, since the data show no difference at all.
    /// </summary>
    AllDifferencesZero,
    /// <summary>Every difference is the same non-zero value: sd = 0, so t is infinite.</summary>
    ConstantDifference,
}
