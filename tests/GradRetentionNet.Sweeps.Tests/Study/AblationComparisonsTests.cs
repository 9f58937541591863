using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class AblationComparisonsTests
{
    static readonly string[] Optimizers =
        ["sgd", "enhanced-sgd", "enhanced-sgd-legacy", "enhanced-sgd-no-controller", "enhanced-sgd-no-clip", "enhanced-sgd-no-noise", "enhanced-sgd-bandit"];

    /// <summary>
    /// digits: the full design 0.90 on seeds 1–5; no-controller the same (every difference 0); no-clip
    /// 0.89 … 0.85 (d = −0.01 … −0.05); no-noise 0.91 … 0.95 (d = +0.01 … +0.05). text: the full design
    /// 0.50 on seeds 1–3, bandit 0.52, 0.54, 0.56 (d = +0.02, +0.04, +0.06). sgd and the legacy
    /// optimizer are not ablations: they must not enter the family.
    /// </summary>
    static IEnumerable<SeedMetric> Seeds() =>
        Finals("digits", "enhanced-sgd", 0.90, 0.90, 0.90, 0.90, 0.90)
            .Concat(Finals("digits", "sgd", 0.80, 0.80, 0.80, 0.80, 0.80))
            .Concat(Finals("digits", "enhanced-sgd-legacy", 0.70, 0.70, 0.70, 0.70, 0.70))
            .Concat(Finals("digits", "enhanced-sgd-no-controller", 0.90, 0.90, 0.90, 0.90, 0.90))
            .Concat(Finals("digits", "enhanced-sgd-no-clip", 0.89, 0.88, 0.87, 0.86, 0.85))
            .Concat(Finals("digits", "enhanced-sgd-no-noise", 0.91, 0.92, 0.93, 0.94, 0.95))
            .Concat(Finals("text", "enhanced-sgd", 0.50, 0.50, 0.50))
            .Concat(Finals("text", "enhanced-sgd-bandit", 0.52, 0.54, 0.56));

    [Fact]
    public void Pairs_the_full_design_with_each_ablation_and_holm_corrects_within_the_ablations()
    {
        // Raw t-test p (PairedTTestTests): d = ±(0.01 … 0.05) → 0.0132356; d = 0.02, 0.04, 0.06 → 0.0741799;
        // all zero → undefined, so m = 3: 3·0.0132356 = 0.0397068 for both ±, then max(0.0397068, 0.0741799).
        // Raw Wilcoxon: n = 5, one sign → 2/32 = 0.0625; n = 3, one sign → 2/8 = 0.25; all zero → 1; m = 4:
        // 4·0.0625 = 0.25, max(0.25, 3·0.0625) = 0.25, 2·0.25 = 0.5, 1·1 = 1.
        var ablations = AblationComparisons.Compare(Seeds(), Optimizers, GoalDirection.HigherIsBetter);

        ablations.Select(a => (a.Dataset, a.Ablation)).Should().Equal(
            ("digits", "enhanced-sgd-no-controller"), ("digits", "enhanced-sgd-no-clip"), ("digits", "enhanced-sgd-no-noise"), ("text", "enhanced-sgd-bandit"));
        var (controller, clip, noise, bandit) = (ablations[0], ablations[1], ablations[2], ablations[3]);

        clip.Paired.Baseline.Should().Be("enhanced-sgd", "the difference is ablation − full design");
        clip.Paired.TTest.MeanDifference!.Value.Should().BeApproximately(-0.03, 1e-12);
        clip.Paired.TTest.Interval!.Lower.Should().BeApproximately(-0.03 - 0.0196324, 1e-7);
        clip.Paired.TTest.Interval.Upper.Should().BeApproximately(-0.03 + 0.0196324, 1e-7);
        clip.Paired.TTest.PValue!.Value.Should().BeApproximately(0.0132356, 1e-7);
        clip.Paired.TTestHolmPValue!.Value.Should().BeApproximately(0.0397068, 1e-7);
        noise.Paired.TTestHolmPValue!.Value.Should().BeApproximately(0.0397068, 1e-7);
        bandit.Paired.TTestHolmPValue!.Value.Should().BeApproximately(0.0741799, 1e-7);
        controller.Paired.TTestHolmPValue.Should().BeNull("every difference is 0: no t statistic");

        clip.Paired.WilcoxonHolmPValue!.Value.Should().BeApproximately(0.25, 1e-12);
        noise.Paired.WilcoxonHolmPValue!.Value.Should().BeApproximately(0.25, 1e-12);
        bandit.Paired.WilcoxonHolmPValue!.Value.Should().BeApproximately(0.5, 1e-12);
        controller.Paired.WilcoxonHolmPValue.Should().Be(1);

        ablations.Select(a => a.Effect).Should().Equal(
            ComponentEffect.NoMeasurableDifference, ComponentEffect.Helps, ComponentEffect.Hurts, ComponentEffect.NoMeasurableDifference);
    }

    [Fact]
    public void Each_component_gets_a_sentence_with_its_difference_and_interval()
    {
        var ablations = AblationComparisons.Compare(Seeds(), Optimizers, GoalDirection.HigherIsBetter);

        ablations.Select(a => a.Sentence).Should().Equal(
            "On digits, switching off the Q-learning controller (enhanced-sgd-no-controller) changes the final metric by 0 [0, 0] over 5 paired seed(s): the component makes no measurable difference.",
            "On digits, switching off adaptive clipping (enhanced-sgd-no-clip) changes the final metric by -0.03 [-0.0496, -0.0104] over 5 paired seed(s): the component helps.",
            "On digits, switching off the annealed gradient noise (enhanced-sgd-no-noise) changes the final metric by +0.03 [0.0104, 0.0496] over 5 paired seed(s): the component hurts.",
            "On text, switching off the controller's lookahead (enhanced-sgd-bandit) changes the final metric by +0.04 [-0.0097, 0.0897] over 3 paired seed(s): the component makes no measurable difference.");
    }

    [Fact]
    public void Failed_seeds_drop_their_pairs_and_a_single_pair_has_no_interval()
    {
        var seeds = Finals("digits", "enhanced-sgd", 0.90, double.NaN, 0.90)
            .Concat(Finals("digits", "enhanced-sgd-no-clip", 0.80, 0.80, double.NaN));

        var ablation = AblationComparisons.Compare(seeds, Optimizers, GoalDirection.HigherIsBetter).Single();

        ablation.Paired.Pairs.Should().Be(1);
        ablation.Paired.DroppedSeeds.Should().Be(2);
        ablation.Effect.Should().Be(ComponentEffect.NoMeasurableDifference);
        ablation.Sentence.Should().Be(
            "On digits, switching off adaptive clipping (enhanced-sgd-no-clip) has too few paired seeds for an interval (1): the component makes no measurable difference.");
    }

    [Fact]
    public void Without_the_full_design_on_a_dataset_its_ablations_are_not_compared()
    {
        var seeds = Finals("digits", "enhanced-sgd-no-clip", 0.8, 0.8).Concat(Finals("digits", "sgd", 0.9, 0.9));

        AblationComparisons.Compare(seeds, Optimizers, GoalDirection.HigherIsBetter).Should().BeEmpty();
    }

    [Theory]
    [InlineData("enhanced-sgd-no-clip", true)]
    [InlineData("enhanced-sgd-bandit", true)]
    [InlineData("enhanced-sgd-no-spike-guard", true)]
    [InlineData("enhanced-sgd", false)]
    [InlineData("enhanced-sgd-legacy", false)]
    [InlineData("enhanced-sgd-no-", false)]
    [InlineData("sgd", false)]
    public void Ablations_are_the_design_with_one_component_off(string optimizer, bool isAblation) =>
        StudyAblations.IsAblation(optimizer).Should().Be(isAblation);

    [Fact]
    public void An_ablation_named_later_takes_its_component_from_its_name()
    {
        StudyAblations.ComponentOf("enhanced-sgd-no-var-factor").Should().Be("the variance learning-rate factor");
        StudyAblations.ComponentOf("enhanced-sgd-no-warm-restarts").Should().Be("warm restarts");
        FluentActions.Invoking(() => StudyAblations.ComponentOf("adam")).Should().Throw<ArgumentException>();
    }
}
