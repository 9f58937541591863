using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyData;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class TimeToTargetTests
{
    static DatasetTarget Target(double value, GoalDirection goal = GoalDirection.HigherIsBetter) => new("digits", goal, value, 4);

    [Fact]
    public void Is_the_first_epoch_that_reaches_the_target()
    {
        // Epoch e ends at 100·e steps and 10·e seconds; 0.91 ≥ 0.90 first at epoch 3.
        var time = TrialTimeToTarget.Of(Curve("digits", "lion", 7, 0.5, 0.89, 0.91, 0.95), 0.90, GoalDirection.HigherIsBetter);

        time.Reached.Should().BeTrue();
        time.Epoch.Should().Be(3);
        time.Steps.Should().Be(300);
        time.Seconds.Should().Be(30);
        time.Seed.Should().Be(7);
    }

    [Fact]
    public void Reaching_exactly_the_target_counts() =>
        TrialTimeToTarget.Of(Curve("digits", "lion", 1, 0.8, 0.9), 0.9, GoalDirection.HigherIsBetter).Epoch.Should().Be(2);

    [Fact]
    public void For_a_loss_the_target_is_reached_from_above() =>
        TrialTimeToTarget.Of(Curve("digits", "lion", 1, 0.9, 0.4, 0.2), 0.3, GoalDirection.LowerIsBetter).Epoch.Should().Be(3);

    [Fact]
    public void A_miss_is_infinitely_slow_and_nan_epochs_never_reach()
    {
        var time = TrialTimeToTarget.Of(Curve("digits", "lion", 1, 0.5, double.NaN, 0.8), 0.9, GoalDirection.HigherIsBetter);

        time.Reached.Should().BeFalse();
        time.Epoch.Should().BeNull();
        time.Steps.Should().Be(double.PositiveInfinity);
        time.Seconds.Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void The_cell_median_survives_a_minority_of_misses()
    {
        // Steps per seed: 200, 300, ∞ → median 300.
        TrialCurve[] trials =
        [
            Curve("digits", "lion", 1, 0.5, 0.9),
            Curve("digits", "lion", 2, 0.5, 0.6, 0.9),
            Curve("digits", "lion", 3, 0.5, 0.6, 0.7),
        ];

        var cell = CellTimeToTarget.Of(new("digits", "lion"), trials, Target(0.9));

        cell.MedianSteps.Should().Be(300);
        cell.MedianSeconds.Should().Be(30);
        cell.Reached.Should().Be(2);
        cell.FinishedSeeds.Should().Be(3);
    }

    [Fact]
    public void The_cell_median_is_infinite_when_most_or_all_seeds_miss()
    {
        TrialCurve[] mostMiss = [Curve("digits", "lion", 1, 0.9), Curve("digits", "lion", 2, 0.1), Curve("digits", "lion", 3, 0.2)];
        TrialCurve[] allMiss = [Curve("digits", "lion", 1, 0.1), Curve("digits", "lion", 2, 0.2)];

        CellTimeToTarget.Of(new("digits", "lion"), mostMiss, Target(0.9)).MedianSteps.Should().Be(double.PositiveInfinity);
        var none = CellTimeToTarget.Of(new("digits", "lion"), allMiss, Target(0.9));
        none.MedianSteps.Should().Be(double.PositiveInfinity);
        none.MedianSeconds.Should().Be(double.PositiveInfinity);
        none.Reached.Should().Be(0);
    }

    [Fact]
    public void Failed_trials_are_counted_and_left_out_of_the_median()
    {
        TrialCurve[] trials = [Curve("digits", "lion", 1, 0.9), FailedCurve("digits", "lion", 2, 0.1)];

        var cell = CellTimeToTarget.Of(new("digits", "lion"), trials, Target(0.9));

        cell.MedianSteps.Should().Be(100);
        cell.FinishedSeeds.Should().Be(1);
        cell.FailedSeeds.Should().Be(1);
    }

    [Fact]
    public void By_cell_uses_each_datasets_target_and_leaves_a_dataset_without_one_undefined()
    {
        TrialCurve[] trials =
        [
            Curve("digits", "sgd", 1, 0.5, 0.8),
            Curve("digits", "lion", 1, 0.8),
            Curve("text", "lion", 1, 0.8),
        ];
        var targets = DatasetTarget.ByDataset(trials, GoalDirection.HigherIsBetter);

        var cells = CellTimeToTarget.ByCell(trials, targets).ToDictionary(c => c.Cell);

        cells[new("digits", "sgd")].MedianSteps.Should().Be(200);
        cells[new("digits", "lion")].MedianSteps.Should().Be(100);
        cells[new("text", "lion")].Target.Should().BeNull();
        cells[new("text", "lion")].MedianSteps.Should().BeNull();
    }
}
