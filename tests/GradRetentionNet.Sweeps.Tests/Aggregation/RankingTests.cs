using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Training.Jobs;
using static GradRetentionNet.Sweeps.Tests.Aggregation.Results;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

public class RankingTests
{
    [Fact]
    public void Higher_is_better_ranks_the_largest_mean_first()
    {
        var results = Finals("sgd", 0.90, 0.92).Concat(Finals("adam", 0.95, 0.97)).Concat(Finals("enhanced-sgd", 0.80, 0.84));

        var ranking = Aggregator.Aggregate(results, MetricChoice.TestMetric, null).Rankings.Single();

        ranking.Entries.Select(e => (e.Rank, e.Group.Optimizer)).Should().Equal((1, "adam"), (2, "sgd"), (3, "enhanced-sgd"));
        ranking.Entries.Select(e => e.Mean).Should().SatisfyRespectively(
            m => m.Should().BeApproximately(0.96, 1e-12), m => m.Should().BeApproximately(0.91, 1e-12), m => m.Should().BeApproximately(0.82, 1e-12));
        ranking.Entries.Should().OnlyContain(e => e.Count == 2);
    }

    [Fact]
    public void Lower_is_better_ranks_the_smallest_mean_first()
    {
        var results = Losses("sgd", 0.30, 0.32).Concat(Losses("adam", 0.10, 0.12)).Concat(Losses("enhanced-sgd", 0.50, 0.54));

        var ranking = Aggregator.Aggregate(results, MetricChoice.TestLoss, null).Rankings.Single();

        ranking.Entries.Select(e => (e.Rank, e.Group.Optimizer)).Should().Equal((1, "adam"), (2, "sgd"), (3, "enhanced-sgd"));
    }

    [Fact]
    public void The_goal_can_be_overridden()
    {
        var results = Finals("sgd", 0.90).Concat(Finals("adam", 0.95));

        var ranking = Aggregator.Aggregate(results, MetricChoice.TestMetric with { Goal = Goal.LowerIsBetter }, null).Rankings.Single();

        ranking.Entries.Select(e => e.Group.Optimizer).Should().Equal("sgd", "adam");
        ranking.BestBaseline!.Optimizer.Should().Be("sgd");
    }

    [Fact]
    public void Equal_means_share_a_rank_and_groups_without_completed_seeds_are_unranked()
    {
        var results = Finals("sgd", 0.90).Concat(Finals("adam", 0.90)).Concat(Finals("rmsprop", 0.80))
            .Append(Job("enhanced-sgd", 1, JobState.Diverged));

        var ranking = Aggregator.Aggregate(results, MetricChoice.TestMetric, null).Rankings.Single();

        ranking.Entries.Select(e => (e.Rank, e.Group.Optimizer)).Should().Equal((1, "adam"), (1, "sgd"), (3, "rmsprop"));
        ranking.Unranked.Select(k => k.Optimizer).Should().Equal("enhanced-sgd");
    }

    [Fact]
    public void Each_dataset_has_its_own_ranking()
    {
        var empty = new Dictionary<string, string>();
        var results = new[]
        {
            Job("mnist", "sgd", 1, JobState.Completed, empty, Epoch(1, 0.99)),
            Job("mnist", "adam", 1, JobState.Completed, empty, Epoch(1, 0.98)),
            Job("cifar10", "sgd", 1, JobState.Completed, empty, Epoch(1, 0.60)),
            Job("cifar10", "adam", 1, JobState.Completed, empty, Epoch(1, 0.70)),
        };

        var rankings = Aggregator.Aggregate(results, MetricChoice.TestMetric, null).Rankings;

        rankings.Select(r => (r.Scope.Dataset, r.Entries[0].Group.Optimizer)).Should().Equal(("cifar10", "adam"), ("mnist", "sgd"));
    }
}
