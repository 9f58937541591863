using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Training.Jobs;
using static GradRetentionNet.Sweeps.Tests.Aggregation.Results;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

public class TimeToTargetTests
{
    // Epoch times (train + test): 10 + 2 = 12 s, 11 + 3 = 14 s, 12 + 4 = 16 s;
    // cumulative 12, 26, 42 s.
    static JobResult Climbing(long seed, double a1, double a2, double a3, JobState status = JobState.Completed) =>
        Job("sgd", seed, status,
            Epoch(1, a1, trainSeconds: 10, testSeconds: 2),
            Epoch(2, a2, trainSeconds: 11, testSeconds: 3),
            Epoch(3, a3, trainSeconds: 12, testSeconds: 4));

    [Fact]
    public void Counts_who_reached_the_target_and_averages_epochs_and_seconds_over_them()
    {
        var results = new[]
        {
            Climbing(1, 0.80, 0.90, 0.95), // epoch 2, 26 s (0.90 counts: at least the target)
            Climbing(2, 0.70, 0.85, 0.91), // epoch 3, 42 s
            Climbing(3, 0.95, 0.96, 0.97), // epoch 1, 12 s
            Climbing(4, 0.50, 0.60, 0.89), // never
            Climbing(5, 0.99, 0.99, 0.99, JobState.Failed), // not counted
        };

        var summary = Aggregator.Aggregate(results, MetricChoice.TestMetric, 0.90).Groups[0].TimeToTarget!;

        summary.Target.Should().Be(0.90);
        summary.Reached.Should().Be(3);
        summary.OutOf.Should().Be(4);
        // Epochs 2, 3, 1: mean 2, median 2. Seconds 26, 42, 12: mean 80 / 3 = 26.6667, median 26.
        summary.MeanEpochs.Should().BeApproximately(2, 1e-12);
        summary.MedianEpochs.Should().Be(2);
        summary.MeanSeconds!.Value.Should().BeApproximately(26.666667, 1e-6);
        summary.MedianSeconds.Should().Be(26);
        summary.Jobs.Select(j => (j.Seed, j.Epoch, j.Seconds)).Should().Equal(
            (1L, (int?)2, (double?)26), (2L, 3, 42), (3L, 1, 12), (4L, null, null));
        summary.Jobs[3].Reached.Should().BeFalse();
    }

    [Fact]
    public void Median_of_an_even_count_is_the_middle_pair_average()
    {
        var results = new[] { Climbing(1, 0.80, 0.90, 0.95), Climbing(2, 0.70, 0.85, 0.91) };

        var summary = Aggregator.Aggregate(results, MetricChoice.TestMetric, 0.90).Groups[0].TimeToTarget!;

        // Epochs 2, 3 → 2.5; seconds 26, 42 → 34.
        summary.MedianEpochs.Should().Be(2.5);
        summary.MedianSeconds.Should().Be(34);
    }

    [Fact]
    public void Nobody_reaching_the_target_gives_no_averages()
    {
        var summary = Aggregator.Aggregate([Climbing(1, 0.1, 0.2, 0.3)], MetricChoice.TestMetric, 0.9).Groups[0].TimeToTarget!;

        summary.Reached.Should().Be(0);
        summary.OutOf.Should().Be(1);
        summary.MeanEpochs.Should().BeNull();
        summary.MedianEpochs.Should().BeNull();
        summary.MeanSeconds.Should().BeNull();
        summary.MedianSeconds.Should().BeNull();
    }

    [Fact]
    public void A_lower_is_better_target_is_reached_by_going_below_it()
    {
        var job = Job("sgd", 1, Epoch(1, 0.5, testLoss: 0.8), Epoch(2, 0.5, testLoss: 0.35), Epoch(3, 0.5, testLoss: 0.2));

        var summary = Aggregator.Aggregate([job], MetricChoice.TestLoss, 0.4).Groups[0].TimeToTarget!;

        summary.Jobs.Single().Epoch.Should().Be(2);
        summary.Jobs.Single().Seconds.Should().Be(24);
    }

    [Fact]
    public void No_target_no_time_to_target()
    {
        Aggregator.Aggregate([Climbing(1, 0.8, 0.9, 0.95)], MetricChoice.TestMetric, null).Groups[0].TimeToTarget.Should().BeNull();
    }
}
