using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class StudyComparisonsTests
{
    [Fact]
    public void Compares_each_candidate_with_each_baseline_present_and_holm_corrects_across_the_study()
    {
        // lion − sgd = [0.01 … 0.05]: t-test p 0.0132356 (PairedTTestTests), Wilcoxon exact 0.0625.
        // lion − adam = [0.02, 0.04, 0.06]: t-test p 0.0741799, Wilcoxon (n = 3, all positive) 2/8 = 0.25.
        // Holm, m = 2 per family: t 0.0132356·2 = 0.0264712, then max(0.0264712, 0.0741799) = 0.0741799;
        // Wilcoxon 0.0625·2 = 0.125, then max(0.125, 0.25) = 0.25.
        var seeds = Finals("digits", "sgd", 0.90, 0.90, 0.90, 0.90, 0.90)
            .Concat(Finals("digits", "lion", 0.91, 0.92, 0.93, 0.94, 0.95))
            .Concat(Finals("text", "adam", 0.50, 0.50, 0.50))
            .Concat(Finals("text", "lion", 0.52, 0.54, 0.56));

        var comparisons = StudyComparisons.Compare(seeds, ["lion"], GoalDirection.HigherIsBetter);

        comparisons.Select(c => (c.Dataset, c.Baseline)).Should().Equal(("digits", "sgd"), ("text", "adam"));
        var (digits, text) = (comparisons[0], comparisons[1]);
        digits.TTest.PValue!.Value.Should().BeApproximately(0.0132356, 1e-7);
        digits.TTestHolmPValue!.Value.Should().BeApproximately(0.0264712, 1e-7);
        digits.WilcoxonHolmPValue!.Value.Should().BeApproximately(0.125, 1e-12);
        text.TTestHolmPValue!.Value.Should().BeApproximately(0.0741799, 1e-7);
        text.WilcoxonHolmPValue!.Value.Should().BeApproximately(0.25, 1e-12);
        digits.Verdict.Should().Be(Verdict.Wins);
        text.Verdict.Should().Be(Verdict.Ties);
    }

    [Fact]
    public void A_failed_trial_drops_its_pair_and_is_reported()
    {
        var seeds = Finals("digits", "adam", 0.90, 0.90, 0.90, double.NaN)
            .Concat(Finals("digits", "lion", 0.91, double.NaN, 0.93, 0.99));

        var comparison = StudyComparisons.Compare(seeds, ["lion"], GoalDirection.HigherIsBetter).Single();

        comparison.Pairs.Should().Be(2);
        comparison.DroppedSeeds.Should().Be(2);
        comparison.TTest.MeanDifference!.Value.Should().BeApproximately(0.02, 1e-12);
        comparison.Sentence.Should().Be(
            "On digits, lion ties with adam: mean difference +0.02 (95 % CI [-0.1071, 0.1471]) over 2 paired seed(s), 2 unpaired seed(s) dropped.");
    }

    [Fact]
    public void Identical_results_tie_with_wilcoxon_p_one_and_no_t_test()
    {
        var seeds = Finals("digits", "sgd", 0.9, 0.8, 0.7).Concat(Finals("digits", "lion", 0.9, 0.8, 0.7));

        var comparison = StudyComparisons.Compare(seeds, ["lion"], GoalDirection.HigherIsBetter).Single();

        comparison.TTest.Outcome.Should().Be(PairedTestOutcome.AllDifferencesZero);
        comparison.TTestHolmPValue.Should().BeNull();
        comparison.Wilcoxon.PValue.Should().Be(1);
        comparison.WilcoxonHolmPValue.Should().Be(1);
        comparison.Verdict.Should().Be(Verdict.Ties);
    }

    [Fact]
    public void A_single_matched_seed_is_undefined_and_a_tie()
    {
        var seeds = Finals("digits", "rmsprop", 0.5).Concat(Finals("digits", "lion", 0.9));

        var comparison = StudyComparisons.Compare(seeds, ["lion"], GoalDirection.HigherIsBetter).Single();

        comparison.TTest.Outcome.Should().Be(PairedTestOutcome.TooFewPairs);
        comparison.Wilcoxon.Outcome.Should().Be(PairedTestOutcome.TooFewPairs);
        comparison.TTestHolmPValue.Should().BeNull();
        comparison.WilcoxonHolmPValue.Should().BeNull();
        comparison.Verdict.Should().Be(Verdict.Ties);
    }

    [Fact]
    public void A_baseline_as_candidate_is_compared_with_the_other_baselines_only()
    {
        var seeds = Finals("digits", "sgd", 0.9, 0.8).Concat(Finals("digits", "adam", 0.7, 0.6));

        var comparisons = StudyComparisons.Compare(seeds, ["adam"], GoalDirection.HigherIsBetter);

        comparisons.Select(c => c.Baseline).Should().Equal("sgd");
    }

    [Fact]
    public void A_lower_loss_wins()
    {
        var seeds = Finals("digits", "adamw", 0.50, 0.52, 0.51, 0.53, 0.50).Concat(Finals("digits", "lion", 0.40, 0.41, 0.42, 0.40, 0.39));

        var comparison = StudyComparisons.Compare(seeds, ["lion"], GoalDirection.LowerIsBetter).Single();

        comparison.TTest.MeanDifference!.Value.Should().BeNegative();
        comparison.Verdict.Should().Be(Verdict.Wins);
    }
}
