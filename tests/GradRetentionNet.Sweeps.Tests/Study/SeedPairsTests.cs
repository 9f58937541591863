using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class SeedPairsTests
{
    [Fact]
    public void Pairs_by_seed_not_by_position()
    {
        SeedMetric[] candidate = [new("digits", "lion", 2, 0.92), new("digits", "lion", 1, 0.95)];
        SeedMetric[] baseline = [new("digits", "sgd", 1, 0.90), new("digits", "sgd", 2, 0.91)];

        var pairs = SeedPairs.Match(candidate, baseline);

        pairs.Seeds.Should().Equal(1L, 2L);
        pairs.Differences.Should().Equal([0.05, 0.01], (a, b) => Math.Abs(a - b) < 1e-12);
        pairs.DroppedSeeds.Should().Be(0);
    }

    [Fact]
    public void A_seed_failed_or_missing_on_either_side_is_dropped_and_counted()
    {
        // Seed 2 failed for the candidate, seed 3 failed for the baseline, seed 4 only the candidate ran, seed 5 only the baseline.
        var candidate = Finals("digits", "lion", 0.95, double.NaN, 0.90, 0.80);
        var baseline = Finals("digits", "sgd", 0.90, 0.91, double.NaN).Append(new SeedMetric("digits", "sgd", 5, 0.7));

        var pairs = SeedPairs.Match(candidate, baseline);

        pairs.Seeds.Should().Equal(1L);
        pairs.Count.Should().Be(1);
        pairs.DroppedSeeds.Should().Be(4);
    }
}
