using System.Globalization;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A candidate optimizer against one baseline on one dataset, over matched seeds: the paired
/// t-test (with the difference's mean and interval), the Wilcoxon signed-rank test, their
/// Holm-adjusted p-values across the study (null until <see cref="StudyComparisons"/> fills them
/// in, and for an undefined test), and the verdict.
/// </summary>
public sealed record PairedComparison(
    string Dataset,
    string Candidate,
    string Baseline,
    GoalDirection Goal,
    int Pairs,
    int DroppedSeeds,
    PairedTTest TTest,
    WilcoxonSignedRank Wilcoxon,
    double? TTestHolmPValue,
    double? WilcoxonHolmPValue)
{
    public Verdict Verdict => VerdictRule.Of(TTest.Interval, Goal);

    public static PairedComparison Of(string dataset, string candidate, string baseline,
        IEnumerable<SeedMetric> candidateSeeds, IEnumerable<SeedMetric> baselineSeeds, GoalDirection goal)
    {
        var pairs = SeedPairs.Match(candidateSeeds, baselineSeeds);
        var differences = pairs.Differences;
        return new(dataset, candidate, baseline, goal, pairs.Count, pairs.DroppedSeeds,
            PairedTTest.Of(differences), WilcoxonSignedRank.Of(differences), null, null);
    }

    /// <summary>The plain sentence the report prints per dataset, e.g. "On cifar10, lion wins against adam: …".</summary>
    public string Sentence
    {
        get
        {
            var verb = Verdict switch { Verdict.Wins => "wins against", Verdict.Loses => "loses to", _ => "ties with" };
            var evidence = TTest.Interval is { } ci
                ? string.Format(CultureInfo.InvariantCulture, "mean difference {0:+0.####;-0.####;0} (95 % CI [{1:0.####}, {2:0.####}])",
                    TTest.MeanDifference, ci.Lower, ci.Upper)
                : "too few paired seeds for an interval";
            var dropped = DroppedSeeds > 0 ? $", {DroppedSeeds} unpaired seed(s) dropped" : "";
            return $"On {Dataset}, {Candidate} {verb} {Baseline}: {evidence} over {Pairs} paired seed(s){dropped}.";
        }
    }
}
