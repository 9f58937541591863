using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class StudyMedianTests
{
    const double Missed = double.PositiveInfinity;

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 100.0, Missed, 200.0 }, 200.0)]
    [InlineData(new[] { 100.0, Missed, Missed }, Missed)]
    [InlineData(new[] { 100.0, 200.0, Missed, Missed }, Missed)]
    [InlineData(new[] { Missed }, Missed)]
    public void Takes_the_middle_with_misses_as_infinitely_slow(double[] values, double expected) =>
        StudyMedian.Of(values).Should().Be(expected);

    [Fact]
    public void Is_null_for_no_values() => StudyMedian.Of([]).Should().BeNull();

    [Fact]
    public void Refuses_nan() => FluentActions.Invoking(() => StudyMedian.Of([1, double.NaN])).Should().Throw<ArgumentException>();
}
