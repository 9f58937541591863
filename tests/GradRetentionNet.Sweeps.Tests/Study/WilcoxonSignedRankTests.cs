using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class WilcoxonSignedRankTests
{
    [Fact]
    public void Five_positive_differences_give_the_exact_two_over_thirty_two()
    {
        // W+ = 15 is the largest of 2⁵ equally likely sums: one-sided 1/32, two-sided 2/32.
        var test = WilcoxonSignedRank.Of([0.01, 0.02, 0.03, 0.04, 0.05]);

        test.Outcome.Should().Be(PairedTestOutcome.Defined);
        test.Method.Should().Be(WilcoxonMethod.Exact);
        test.PositiveRankSum.Should().Be(15);
        test.PValue!.Value.Should().BeApproximately(0.0625, 1e-15);
    }

    [Fact]
    public void Mixed_signs_count_the_subsets_in_the_tail()
    {
        // d = [1, −2, 3, 4, 5]: W+ = 13. Sums ≥ 13 of subsets of {1…5} are the complements of
        // {}, {1}, {2}: 3/32 one-sided, p = 6/32 = 0.1875 (scipy.stats.wilcoxon([1, -2, 3, 4, 5])).
        var test = WilcoxonSignedRank.Of([1, -2, 3, 4, 5]);

        test.PositiveRankSum.Should().Be(13);
        test.PValue!.Value.Should().BeApproximately(0.1875, 1e-15);
    }

    [Fact]
    public void A_small_balanced_sample_is_capped_at_one()
    {
        // d = [1, −2]: W+ = 1 sits in the middle of {0, 1, 2, 3}; both tails are 1/2 → p = min(1, 1).
        WilcoxonSignedRank.Of([1, -2]).PValue.Should().Be(1);
    }

    [Fact]
    public void Zero_differences_are_dropped_before_ranking()
    {
        var test = WilcoxonSignedRank.Of([0, 0.01, 0.02, 0.03, 0.04, 0.05]);

        test.Pairs.Should().Be(6);
        test.RankedDifferences.Should().Be(5);
        test.Method.Should().Be(WilcoxonMethod.Exact);
        test.PValue!.Value.Should().BeApproximately(0.0625, 1e-15);
    }

    [Fact]
    public void Tied_ranks_switch_to_the_normal_approximation_with_tie_and_continuity_corrections()
    {
        // |d| = 1, 1, 2, 3 → ranks 1.5, 1.5, 3, 4; W+ = 6, μ = 5.
        // σ² = 4·5·9/24 − (2³ − 2)/48 = 7.375; z = (|6 − 5| − ½)/√7.375 = 0.184115; p = 2Φ(−z) = 0.853923
        // (R: wilcox.test(c(1, 1, 2, -3), exact = FALSE, correct = TRUE)).
        var test = WilcoxonSignedRank.Of([1, 1, 2, -3]);

        test.Method.Should().Be(WilcoxonMethod.NormalApproximation);
        test.PositiveRankSum.Should().Be(6);
        test.PValue!.Value.Should().BeApproximately(0.853923, 1e-6);
    }

    [Fact]
    public void More_than_twenty_five_differences_use_the_normal_approximation()
    {
        // d = 1…30, all positive: W+ = 465, μ = 232.5, σ² = 30·31·61/24 = 2363.75,
        // z = (232.5 − ½)/48.6184 = 4.771855, p = 2Φ(−z) = 1.825371e-6.
        var test = WilcoxonSignedRank.Of(Enumerable.Range(1, 30).Select(i => (double)i).ToList());

        test.Method.Should().Be(WilcoxonMethod.NormalApproximation);
        test.PValue!.Value.Should().BeApproximately(1.825371e-6, 1e-11);
    }

    [Fact]
    public void Twenty_five_differences_are_still_exact()
    {
        // All positive: p = 2 / 2²⁵.
        var test = WilcoxonSignedRank.Of(Enumerable.Range(1, 25).Select(i => (double)i).ToList());

        test.Method.Should().Be(WilcoxonMethod.Exact);
        test.PValue!.Value.Should().BeApproximately(2 / Math.Pow(2, 25), 1e-20);
    }

    [Fact]
    public void All_zero_differences_give_p_one()
    {
        var test = WilcoxonSignedRank.Of([0, 0, 0]);

        test.Outcome.Should().Be(PairedTestOutcome.AllDifferencesZero);
        test.RankedDifferences.Should().Be(0);
        test.PValue.Should().Be(1);
    }

    [Fact]
    public void Fewer_than_two_pairs_is_undefined()
    {
        var test = WilcoxonSignedRank.Of([0.3]);

        test.Outcome.Should().Be(PairedTestOutcome.TooFewPairs);
        test.PValue.Should().BeNull();
    }
}
