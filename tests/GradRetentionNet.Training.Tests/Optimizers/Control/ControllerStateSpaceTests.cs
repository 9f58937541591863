using GradRetentionNet.Training.Optimizers.Control;

namespace GradRetentionNet.Training.Tests.Optimizers.Control;

public sealed class ControllerStateSpaceTests
{
    [Theory]
    [InlineData(-0.05, 0)]
    [InlineData(-0.0201, 0)]
    [InlineData(-0.02, 1)]
    [InlineData(-0.01, 1)]
    [InlineData(-0.0051, 1)]
    [InlineData(-0.005, 2)]
    [InlineData(0.0, 2)]
    [InlineData(0.005, 2)]
    [InlineData(0.0051, 3)]
    [InlineData(0.5, 3)]
    public void Loss_trend_falls_into_four_bins(double relativeChange, int bin) =>
        ControllerStateSpace.LossTrendBin(relativeChange).Should().Be(bin);

    [Theory]
    [InlineData(-0.5, 0)]
    [InlineData(-0.1001, 0)]
    [InlineData(-0.1, 1)]
    [InlineData(0.0, 1)]
    [InlineData(0.1, 1)]
    [InlineData(0.1001, 2)]
    public void Variance_trend_falls_into_three_bins(double rho, int bin) =>
        ControllerStateSpace.VarianceTrendBin(rho).Should().Be(bin);

    [Theory]
    [InlineData(0, 300, 0)]
    [InlineData(99, 300, 0)]
    [InlineData(100, 300, 1)]
    [InlineData(199, 300, 1)]
    [InlineData(200, 300, 2)]
    [InlineData(450, 300, 2)]
    [InlineData(5_000, 0, 0)]
    public void Phase_is_the_third_of_planned_steps(long step, long planned, int bin) =>
        ControllerStateSpace.PhaseBin(step, planned).Should().Be(bin);

    [Fact]
    public void The_36_bin_combinations_are_36_distinct_states()
    {
        var indices = from loss in Enumerable.Range(0, 4)
                      from variance in Enumerable.Range(0, 3)
                      from phase in Enumerable.Range(0, 3)
                      select ControllerStateSpace.Index(loss, variance, phase);
        indices.Should().OnlyHaveUniqueItems().And.HaveCount(36).And.OnlyContain(i => i >= 0 && i < 36);
    }

    [Fact]
    public void An_observation_computes_its_loss_trend_and_state()
    {
        var observation = new IntervalObservation(Step: 150, Loss: 0.97, PreviousLoss: 1.0, VarianceTrend: 0.2, PlannedSteps: 300, SpikeSeen: false);
        observation.LossTrend.Should().BeApproximately(-0.03, 1e-12);
        observation.State.Should().Be(ControllerStateSpace.Index(0, 2, 1));
    }
}
