using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class VerdictTests
{
    static ConfidenceInterval Interval(double lower, double upper) => new(0.95, lower, upper, (upper - lower) / 2, 4);

    [Theory]
    [InlineData(0.01, 0.03, GoalDirection.HigherIsBetter, Verdict.Wins)]
    [InlineData(-0.03, -0.01, GoalDirection.HigherIsBetter, Verdict.Loses)]
    [InlineData(-0.01, 0.03, GoalDirection.HigherIsBetter, Verdict.Ties)]
    [InlineData(0.0, 0.03, GoalDirection.HigherIsBetter, Verdict.Ties)]
    [InlineData(-0.03, -0.01, GoalDirection.LowerIsBetter, Verdict.Wins)]
    [InlineData(0.01, 0.03, GoalDirection.LowerIsBetter, Verdict.Loses)]
    [InlineData(-0.01, 0.03, GoalDirection.LowerIsBetter, Verdict.Ties)]
    public void Reads_the_interval_of_the_paired_difference(double lower, double upper, GoalDirection goal, Verdict expected) =>
        VerdictRule.Of(Interval(lower, upper), goal).Should().Be(expected);

    [Fact]
    public void No_interval_is_a_tie() => VerdictRule.Of(null, GoalDirection.HigherIsBetter).Should().Be(Verdict.Ties);
}
