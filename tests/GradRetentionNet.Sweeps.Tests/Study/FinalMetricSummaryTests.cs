using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class FinalMetricSummaryTests
{
    [Fact]
    public void Matches_a_hand_computation()
    {
        // [0.90, 0.92, 0.95, 0.91]: mean 0.92, s = √(0.0014 / 3) = 0.0216025, median (0.91 + 0.92) / 2 = 0.915,
        // 95 % half-width t(0.975, 3) · s / √4 = 3.182446 · 0.0216025 / 2 = 0.0343743.
        var summary = FinalMetricSummary.ByCell(Finals("digits", "lion", 0.90, 0.92, 0.95, 0.91)).Single();

        summary.Cell.Should().Be(new StudyCell("digits", "lion"));
        summary.Count.Should().Be(4);
        summary.Summary!.Mean.Should().BeApproximately(0.92, 1e-12);
        summary.Summary.StandardDeviation!.Value.Should().BeApproximately(0.0216025, 1e-7);
        summary.Median!.Value.Should().BeApproximately(0.915, 1e-12);
        summary.Summary.Interval!.HalfWidth.Should().BeApproximately(0.0343743, 1e-7);
        summary.Summary.Interval.Lower.Should().BeApproximately(0.92 - 0.0343743, 1e-7);
        summary.FailedSeeds.Should().Be(0);
    }

    [Fact]
    public void One_seed_has_its_value_as_mean_and_median_and_no_spread()
    {
        var summary = FinalMetricSummary.ByCell(Finals("digits", "lion", 0.93)).Single();

        summary.Count.Should().Be(1);
        summary.Summary!.Mean.Should().Be(0.93);
        summary.Median.Should().Be(0.93);
        summary.Summary.StandardDeviation.Should().BeNull();
        summary.Summary.Interval.Should().BeNull();
    }

    [Fact]
    public void Failed_seeds_are_counted_and_left_out()
    {
        var seeds = Finals("digits", "lion", 0.90, double.NaN, 0.94).Append(new SeedMetric("digits", "lion", 9, double.PositiveInfinity));

        var summary = FinalMetricSummary.ByCell(seeds).Single();

        summary.Count.Should().Be(2);
        summary.FailedSeeds.Should().Be(2);
        summary.Median!.Value.Should().BeApproximately(0.92, 1e-12);
    }

    [Fact]
    public void A_cell_where_every_seed_failed_has_no_statistics()
    {
        var summary = FinalMetricSummary.ByCell(Finals("digits", "lion", double.NaN, double.NaN)).Single();

        summary.Count.Should().Be(0);
        summary.Summary.Should().BeNull();
        summary.Median.Should().BeNull();
        summary.FailedSeeds.Should().Be(2);
    }

    [Fact]
    public void Cells_are_kept_apart()
    {
        var seeds = Finals("digits", "lion", 0.9, 0.8).Concat(Finals("digits", "sgd", 0.5)).Concat(Finals("text", "lion", 0.7));

        var summaries = FinalMetricSummary.ByCell(seeds);

        summaries.Select(s => (s.Cell, s.Count)).Should().Equal(
            (new StudyCell("digits", "lion"), 2), (new StudyCell("digits", "sgd"), 1), (new StudyCell("text", "lion"), 1));
    }
}
