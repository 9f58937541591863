using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class DatasetTargetTests
{
    [Fact]
    public void Is_the_median_of_the_baselines_best_validation_per_seed()
    {
        // Best per baseline seed: sgd 0.90 and 0.95, adam 0.92 → median 0.92. The candidate's
        // 0.99 and the failed rmsprop seed's partial curve do not count.
        TrialCurve[] trials =
        [
            Curve("digits", "sgd", 1, 0.70, 0.90, 0.85),
            Curve("digits", "sgd", 2, 0.80, 0.95),
            Curve("digits", "adam", 1, 0.92, 0.91),
            Curve("digits", "lion", 1, 0.99),
            FailedCurve("digits", "rmsprop", 1, 0.10),
        ];

        var target = DatasetTarget.ByDataset(trials, GoalDirection.HigherIsBetter).Single();

        target.Dataset.Should().Be("digits");
        target.Value.Should().Be(0.92);
        target.BaselineSeeds.Should().Be(3);
    }

    [Fact]
    public void For_a_loss_takes_each_seeds_lowest_value()
    {
        // Lowest per seed: 0.30, 0.20 (NaN epoch skipped), 0.50 → median 0.30.
        TrialCurve[] trials =
        [
            Curve("digits", "AdamW", 1, 0.9, 0.3, 0.4),
            Curve("digits", "sgd", 1, 0.6, double.NaN, 0.2),
            Curve("digits", "rmsprop", 1, 0.5),
        ];

        DatasetTarget.Of("digits", trials, GoalDirection.LowerIsBetter).Value.Should().Be(0.30);
    }

    [Fact]
    public void Is_undefined_for_a_dataset_without_baseline_seeds()
    {
        var target = DatasetTarget.ByDataset([Curve("text", "lion", 1, 0.8)], GoalDirection.HigherIsBetter).Single();

        target.Value.Should().BeNull();
        target.BaselineSeeds.Should().Be(0);
    }
}
