using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class PairedTTestTests
{
    [Fact]
    public void Matches_a_hand_computation_with_two_degrees_of_freedom()
    {
        // d = [0.02, 0.04, 0.06]: mean 0.04, sd 0.02, SE 0.02/√3, t = √12 = 3.464102, 2 d.f.
        // Two-sided p for 2 d.f. in closed form: 1 − t/√(t² + 2) = 0.0741799 (scipy.stats.ttest_rel agrees).
        // Half-width t(0.975, 2) · SE = 4.302653 · 0.0115470 = 0.0496828.
        var test = PairedTTest.Of([0.02, 0.04, 0.06]);

        test.Outcome.Should().Be(PairedTestOutcome.Defined);
        test.Pairs.Should().Be(3);
        test.MeanDifference!.Value.Should().BeApproximately(0.04, 1e-12);
        test.T!.Value.Should().BeApproximately(3.464102, 1e-6);
        test.DegreesOfFreedom.Should().Be(2);
        test.PValue!.Value.Should().BeApproximately(0.0741799, 1e-7);
        test.Interval!.Lower.Should().BeApproximately(0.04 - 0.0496828, 1e-7);
        test.Interval.Upper.Should().BeApproximately(0.04 + 0.0496828, 1e-7);
    }

    [Fact]
    public void Matches_a_hand_computation_with_four_degrees_of_freedom()
    {
        // d = [0.01 … 0.05]: mean 0.03, sd 0.0158114, SE 0.00707107, t = √18 = 4.242641.
        // Two-sided p for 4 d.f. (closed form, checked by numerical integration of the density): 0.0132356.
        var test = PairedTTest.Of([0.01, 0.02, 0.03, 0.04, 0.05]);

        test.T!.Value.Should().BeApproximately(4.242641, 1e-6);
        test.PValue!.Value.Should().BeApproximately(0.0132356, 1e-7);
        test.Interval!.HalfWidth.Should().BeApproximately(0.0196324, 1e-7);
    }

    [Fact]
    public void The_sign_of_t_follows_the_differences_and_p_does_not()
    {
        var up = PairedTTest.Of([0.02, 0.04, 0.06]);
        var down = PairedTTest.Of([-0.02, -0.04, -0.06]);

        down.T!.Value.Should().BeApproximately(-up.T!.Value, 1e-12);
        down.PValue!.Value.Should().BeApproximately(up.PValue!.Value, 1e-12);
    }

    [Fact]
    public void Fewer_than_two_pairs_is_undefined()
    {
        var one = PairedTTest.Of([0.05]);
        var none = PairedTTest.Of([]);

        one.Outcome.Should().Be(PairedTestOutcome.TooFewPairs);
        one.MeanDifference.Should().Be(0.05);
        one.Interval.Should().BeNull();
        one.PValue.Should().BeNull();
        none.Outcome.Should().Be(PairedTestOutcome.TooFewPairs);
        none.MeanDifference.Should().BeNull();
    }

    [Fact]
    public void All_zero_differences_leave_t_undefined_with_a_zero_width_interval_at_zero()
    {
        var test = PairedTTest.Of([0, 0, 0]);

        test.Outcome.Should().Be(PairedTestOutcome.AllDifferencesZero);
        test.T.Should().BeNull();
        test.PValue.Should().BeNull();
        test.Interval!.Lower.Should().Be(0);
        test.Interval.Upper.Should().Be(0);
    }

    [Fact]
    public void A_constant_non_zero_difference_leaves_t_undefined()
    {
        var test = PairedTTest.Of([0.01, 0.01, 0.01]);

        test.Outcome.Should().Be(PairedTestOutcome.ConstantDifference);
        test.PValue.Should().BeNull();
        test.Interval!.HalfWidth.Should().Be(0);
    }
}
