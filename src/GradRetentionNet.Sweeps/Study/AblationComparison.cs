using System.Globalization;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>What switching a component of EnhancedSGD off does to the final metric.</summary>
public enum ComponentEffect
{
    /// <summary>Without it the final metric is worse: the 95 % interval of the difference lies on the worse side of 0.</summary>
    Helps,
    /// <summary>The interval contains 0, or there are too few paired seeds for one.</summary>
    NoMeasurableDifference,
    /// <summary>Without it the final metric is better.</summary>
    Hurts,
}

/// <summary>
/// One ablation against the full design on one dataset over matched evaluation seeds.
/// <see cref="Paired"/> holds the tests with the ablation as its candidate and the full design as
/// its baseline, so its difference is ablation − full design, and its Holm-adjusted p-values are
/// corrected within the ablation family (<see cref="AblationComparisons"/>). The effect is read
/// from the 95 % interval, as the study's verdicts are.
/// </summary>
/// <param name="Component">What the ablation switches off, in words.</param>
public sealed record AblationComparison(string Dataset, string Ablation, string Component, PairedComparison Paired)
{
    public ComponentEffect Effect => Paired.Verdict switch
    {
        Verdict.Loses => ComponentEffect.Helps,
        Verdict.Wins => ComponentEffect.Hurts,
        _ => ComponentEffect.NoMeasurableDifference,
    };

    public static AblationComparison Of(string dataset, string ablation, IEnumerable<SeedMetric> ablationSeeds,
        IEnumerable<SeedMetric> fullDesignSeeds, GoalDirection goal) =>
        new(dataset, ablation, StudyAblations.ComponentOf(ablation),
            PairedComparison.Of(dataset, ablation, StudyAblations.FullDesign, ablationSeeds, fullDesignSeeds, goal));

    /// <summary>
    /// "On fashion-mnist, switching off adaptive clipping (enhanced-sgd-no-clip) changes the final
    /// metric by -0.03 [-0.0496, -0.0104] over 5 paired seed(s): the component helps."
    /// </summary>
    public string Sentence
    {
        get
        {
            var change = Paired.TTest.Interval is { } ci
                ? string.Format(CultureInfo.InvariantCulture, "changes the final metric by {0:+0.####;-0.####;0} [{1:0.####}, {2:0.####}] over {3} paired seed(s)",
                    Paired.TTest.MeanDifference, ci.Lower, ci.Upper, Paired.Pairs)
                : $"has too few paired seeds for an interval ({Paired.Pairs})";
            var effect = Effect switch
            {
                ComponentEffect.Helps => "the component helps",
                ComponentEffect.Hurts => "the component hurts",
                _ => "the component makes no measurable difference",
            };
            return $"On {Dataset}, switching off {Component} ({Ablation}) {change}: {effect}.";
        }
    }
}
