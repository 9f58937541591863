using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Training.Jobs;
using static GradRetentionNet.Sweeps.Tests.Aggregation.Results;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

public class FinalMetricTests
{
    [Fact]
    public void Mean_sd_and_t_interval_match_a_hand_computation()
    {
        // [0.90, 0.92, 0.95, 0.91]: mean 3.68 / 4 = 0.92.
        // Deviations −0.02, 0, 0.03, −0.01; squares sum 0.0014; s² = 0.0014 / 3; s = 0.0216025.
        // t(0.975, 3 d.f.) = 3.182446; half-width = 3.182446 · 0.0216025 / √4 = 0.0343743.
        // Interval [0.8856257, 0.9543743].
        var aggregate = Aggregator.Aggregate(Finals("sgd", 0.90, 0.92, 0.95, 0.91), MetricChoice.TestMetric, null);

        var final = aggregate.Groups.Should().ContainSingle().Subject.Final!;
        final.Count.Should().Be(4);
        final.Mean.Should().BeApproximately(0.92, 1e-12);
        final.StandardDeviation!.Value.Should().BeApproximately(0.0216025, 1e-7);
        final.Min.Should().Be(0.90);
        final.Max.Should().Be(0.95);
        final.IntervalUnavailable.Should().BeNull();
        var interval = final.Interval!;
        interval.Level.Should().Be(0.95);
        interval.DegreesOfFreedom.Should().Be(3);
        interval.HalfWidth.Should().BeApproximately(0.0343743, 1e-7);
        interval.Lower.Should().BeApproximately(0.8856257, 1e-7);
        interval.Upper.Should().BeApproximately(0.9543743, 1e-7);
    }

    [Fact]
    public void One_seed_has_a_mean_but_no_spread_and_says_so()
    {
        var final = Aggregator.Aggregate(Finals("sgd", 0.93), MetricChoice.TestMetric, null).Groups[0].Final!;

        final.Count.Should().Be(1);
        final.Mean.Should().Be(0.93);
        final.Min.Should().Be(0.93);
        final.Max.Should().Be(0.93);
        final.StandardDeviation.Should().BeNull();
        final.Interval.Should().BeNull();
        final.IntervalUnavailable.Should().Contain("n = 1");
    }

    [Fact]
    public void Identical_values_have_exactly_zero_spread()
    {
        var final = Aggregator.Aggregate(Finals("sgd", 0.8, 0.8, 0.8), MetricChoice.TestMetric, null).Groups[0].Final!;

        final.StandardDeviation.Should().Be(0);
        final.Interval!.HalfWidth.Should().Be(0);
    }

    [Fact]
    public void Only_completed_jobs_count_and_the_others_are_counted_by_status()
    {
        var results = new[]
        {
            Job("sgd", 1, Epoch(1, 0.80), Epoch(2, 0.90)),
            Job("sgd", 2, Epoch(1, 0.85), Epoch(2, 0.94)),
            Job("sgd", 3, JobState.Failed, Epoch(1, 0.10)),
            Job("sgd", 4, JobState.Diverged, Epoch(1, 0.99)),
            Job("sgd", 5, JobState.Diverged),
            Job("sgd", 6, JobState.Cancelled, Epoch(1, 0.5)),
            Job("sgd", 7, JobState.Completed),
        };

        var group = Aggregator.Aggregate(results, MetricChoice.TestMetric, null).Groups.Should().ContainSingle().Subject;

        group.Counts.Should().Be(new StatusCounts(Completed: 3, Failed: 1, Diverged: 2, Cancelled: 1, Running: 0, CompletedWithoutMetric: 1));
        group.Counts.Total.Should().Be(7);
        // Last epochs of seeds 1 and 2 only: (0.90 + 0.94) / 2.
        group.FinalValues.Should().Equal(0.90, 0.94);
        group.Final!.Count.Should().Be(2);
        group.Final.Mean.Should().BeApproximately(0.92, 1e-12);
    }

    [Fact]
    public void A_group_with_no_completed_job_has_no_summary()
    {
        var results = Finals("adam", 0.9, 0.91).Append(Job("sgd", 1, JobState.Failed));

        var group = Aggregator.Aggregate(results, MetricChoice.TestMetric, 0.9).Groups.Single(g => g.Key.Optimizer == "sgd");

        group.Final.Should().BeNull();
        group.TimeToTarget!.OutOf.Should().Be(0);
        group.VersusBestBaseline.Outcome.Should().Be(WelchOutcome.TooFewSamples);
        group.VersusBestBaseline.BaselineOptimizer.Should().Be("adam");
        group.VersusBestBaseline.MeanDifference.Should().BeNull();
    }

    [Theory]
    [InlineData(Metric.TestMetric, 0.97)]
    [InlineData(Metric.TestLoss, 0.11)]
    [InlineData(Metric.TrainLoss, 0.05)]
    public void The_metric_choice_picks_the_last_epochs_figure(Metric metric, double expected)
    {
        var job = Job("sgd", 1, Epoch(1, 0.90, testLoss: 0.30, trainLoss: 0.40), Epoch(2, 0.97, testLoss: 0.11, trainLoss: 0.05));

        var group = Aggregator.Aggregate([job], new MetricChoice(metric, Goal.LowerIsBetter), null).Groups[0];

        group.Final!.Mean.Should().Be(expected);
    }

    [Fact]
    public void Segmentation_jobs_use_miou()
    {
        var job = Job("sgd", 1, Epoch(1, 0.9) with { TestAccuracy = null, TestMeanIoU = 0.61 });

        Aggregator.Aggregate([job], MetricChoice.TestMetric, null).Groups[0].Final!.Mean.Should().Be(0.61);
    }

    [Fact]
    public void Groups_are_keyed_by_dataset_model_optimizer_and_grid_point()
    {
        var lr1 = new Dictionary<string, string> { ["momentum"] = "0.9", ["lr"] = "0.01" };
        var lr2 = new Dictionary<string, string> { ["lr"] = "0.1", ["momentum"] = "0.9" };
        var results = new[]
        {
            Job("mnist", "sgd", 1, JobState.Completed, lr1, Epoch(1, 0.9)),
            Job("mnist", "sgd", 2, JobState.Completed, lr1, Epoch(1, 0.9)),
            Job("mnist", "sgd", 1, JobState.Completed, lr2, Epoch(1, 0.9)),
            Job("cifar10", "sgd", 1, JobState.Completed, lr1, Epoch(1, 0.9)),
            Job("mnist", "adam", 1, JobState.Completed, lr1, Epoch(1, 0.9)),
        };

        var keys = Aggregator.Aggregate(results, MetricChoice.TestMetric, null).Groups.Select(g => g.Key.ToString());

        keys.Should().Equal(
            "cifar10/simple-cnn/sgd [lr=0.01,momentum=0.9]",
            "mnist/simple-cnn/adam [lr=0.01,momentum=0.9]",
            "mnist/simple-cnn/sgd [lr=0.01,momentum=0.9]",
            "mnist/simple-cnn/sgd [lr=0.1,momentum=0.9]");
    }

    [Fact]
    public void Grid_points_come_from_the_sweep_jobs_when_given()
    {
        var fixedLr = new Dictionary<string, string> { ["lr"] = "0.01" };
        var a = Job("mnist", "sgd", 1, JobState.Completed, fixedLr, Epoch(1, 0.9));
        var b = Job("mnist", "sgd", 2, JobState.Completed, fixedLr, Epoch(1, 0.9));
        var jobs = new[]
        {
            new SweepJob(a.Spec, new Dictionary<string, string> { ["wd"] = "0" }),
            new SweepJob(b.Spec, new Dictionary<string, string> { ["wd"] = "0.01" }),
        };

        var groups = Aggregator.Aggregate([a, b], MetricChoice.TestMetric, null, jobs).Groups;

        groups.Select(g => g.Key.GridPoint.Canonical).Should().Equal("wd=0", "wd=0.01");
        var stranger = Job("adam", 1, Epoch(1, 0.9));
        FluentActions.Invoking(() => Aggregator.Aggregate([a, b, stranger], MetricChoice.TestMetric, null, jobs))
            .Should().Throw<ArgumentException>().WithMessage($"*{stranger.JobId}*");
    }

    [Fact]
    public void A_job_given_twice_is_refused()
    {
        var job = Job("sgd", 1, Epoch(1, 0.9));

        FluentActions.Invoking(() => Aggregator.Aggregate([job, job], MetricChoice.TestMetric, null))
            .Should().Throw<ArgumentException>().WithMessage($"*{job.JobId}*2 times*");
    }
}
