using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using static GradRetentionNet.Sweeps.Tests.Aggregation.Results;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

public class WelchTestTests
{
    static GroupSummary Group(SweepAggregate aggregate, string optimizer) =>
        aggregate.Groups.Single(g => g.Key.Optimizer == optimizer);

    [Fact]
    public void Matches_a_hand_computation()
    {
        // A = [0.90, 0.92, 0.95, 0.91]: mean 0.92, s² = 0.0014 / 3, s²/n = 1.166667e-4.
        // B = [0.85, 0.86, 0.88]:       mean 0.863333, s² = 0.00046667 / 2, s²/n = 7.777778e-5.
        // Difference 0.0566667; SE = √(1.944444e-4) = 0.0139443; t = 4.0638.
        // df = (1.944444e-4)² / ((1.166667e-4)² / 3 + (7.777778e-5)² / 2) = 5.0000.
        // Two-sided p, 5 d.f. (closed form (2/π)[θ + sinθ(cosθ + ⅔cos³θ)], θ = atan(t/√5)): 0.009693.
        var results = Finals("enhanced-sgd", 0.90, 0.92, 0.95, 0.91).Concat(Finals("sgd", 0.85, 0.86, 0.88));

        var test = Group(Aggregator.Aggregate(results, MetricChoice.TestMetric, null), "enhanced-sgd").VersusBestBaseline;

        test.Outcome.Should().Be(WelchOutcome.Defined);
        test.BaselineOptimizer.Should().Be("sgd");
        test.MeanDifference!.Value.Should().BeApproximately(0.056667, 1e-6);
        test.T!.Value.Should().BeApproximately(4.0638, 1e-4);
        test.DegreesOfFreedom!.Value.Should().BeApproximately(5.0000, 1e-4);
        test.PValue!.Value.Should().BeApproximately(0.009693, 1e-6);
    }

    [Fact]
    public void Swapping_the_sides_flips_t_and_keeps_p()
    {
        double[] a = [0.90, 0.92, 0.95, 0.91], b = [0.85, 0.86, 0.88];

        var forward = WelchTest.Compute(a, b, "sgd", GridPoint.Empty);
        var backward = WelchTest.Compute(b, a, "sgd", GridPoint.Empty);

        backward.T!.Value.Should().BeApproximately(-forward.T!.Value, 1e-12);
        backward.DegreesOfFreedom!.Value.Should().BeApproximately(forward.DegreesOfFreedom!.Value, 1e-12);
        backward.PValue!.Value.Should().BeApproximately(forward.PValue!.Value, 1e-12);
    }

    [Fact]
    public void Zero_variance_on_one_side_is_defined()
    {
        // Baseline [0.8, 0.8, 0.8] has no variance: SE = s_A/√4 = 0.0108012, t = 0.12 / SE = 11.1098,
        // df = n_A − 1 = 3; p (3 d.f., (2/π)[θ + sinθ cosθ]) = 0.0015625.
        var test = WelchTest.Compute([0.90, 0.92, 0.95, 0.91], [0.8, 0.8, 0.8], "sgd", GridPoint.Empty);

        test.Outcome.Should().Be(WelchOutcome.Defined);
        test.T!.Value.Should().BeApproximately(11.1098, 1e-4);
        test.DegreesOfFreedom!.Value.Should().BeApproximately(3, 1e-9);
        test.PValue!.Value.Should().BeApproximately(0.0015625, 1e-7);
    }

    [Fact]
    public void Undefined_cases_say_why_instead_of_giving_nan()
    {
        var tooFew = WelchTest.Compute([0.9], [0.8, 0.85], "sgd", GridPoint.Empty);
        var flat = WelchTest.Compute([0.9, 0.9], [0.8, 0.8, 0.8], "sgd", GridPoint.Empty);

        tooFew.Outcome.Should().Be(WelchOutcome.TooFewSamples);
        tooFew.MeanDifference!.Value.Should().BeApproximately(0.075, 1e-12);
        tooFew.T.Should().BeNull();
        tooFew.PValue.Should().BeNull();
        flat.Outcome.Should().Be(WelchOutcome.ZeroVariance);
        flat.MeanDifference!.Value.Should().BeApproximately(0.1, 1e-12);
        flat.T.Should().BeNull();
        flat.DegreesOfFreedom.Should().BeNull();
        flat.PValue.Should().BeNull();
    }

    [Fact]
    public void The_best_baseline_is_the_reference_and_without_baselines_there_is_none()
    {
        var withBaseline = Aggregator.Aggregate(Finals("sgd", 0.9, 0.91), MetricChoice.TestMetric, null);
        var without = Aggregator.Aggregate(Finals("enhanced-sgd", 0.9, 0.91), MetricChoice.TestMetric, null);

        withBaseline.Groups[0].VersusBestBaseline.Outcome.Should().Be(WelchOutcome.IsReferenceBaseline);
        withBaseline.Groups[0].VersusBestBaseline.BaselineOptimizer.Should().Be("sgd");
        without.Groups[0].VersusBestBaseline.Outcome.Should().Be(WelchOutcome.NoBaseline);
        without.Rankings[0].BestBaseline.Should().BeNull();
    }

    [Fact]
    public void Best_baseline_follows_the_goal_and_ignores_non_baselines()
    {
        // Accuracy (higher is better): adam 0.95 beats sgd 0.90; enhanced-sgd 0.99 is not a baseline.
        var accuracy = Finals("sgd", 0.89, 0.91).Concat(Finals("adam", 0.94, 0.96)).Concat(Finals("enhanced-sgd", 0.98, 1.0));
        // Test loss (lower is better): sgd 0.2 beats adam 0.4; enhanced-sgd 0.1 is not a baseline.
        var loss = Losses("sgd", 0.19, 0.21).Concat(Losses("adam", 0.39, 0.41)).Concat(Losses("enhanced-sgd", 0.09, 0.11));

        var byAccuracy = Aggregator.Aggregate(accuracy, MetricChoice.TestMetric, null);
        var byLoss = Aggregator.Aggregate(loss, MetricChoice.TestLoss, null);

        byAccuracy.Rankings.Single().BestBaseline!.Optimizer.Should().Be("adam");
        Group(byAccuracy, "enhanced-sgd").VersusBestBaseline.BaselineOptimizer.Should().Be("adam");
        Group(byAccuracy, "enhanced-sgd").VersusBestBaseline.MeanDifference!.Value.Should().BeApproximately(0.04, 1e-12);
        Group(byAccuracy, "sgd").VersusBestBaseline.BaselineOptimizer.Should().Be("adam");
        Group(byAccuracy, "adam").VersusBestBaseline.Outcome.Should().Be(WelchOutcome.IsReferenceBaseline);

        byLoss.Rankings.Single().BestBaseline!.Optimizer.Should().Be("sgd");
        Group(byLoss, "enhanced-sgd").VersusBestBaseline.BaselineOptimizer.Should().Be("sgd");
        Group(byLoss, "enhanced-sgd").VersusBestBaseline.MeanDifference!.Value.Should().BeApproximately(-0.1, 1e-12);
    }

    [Fact]
    public void With_a_shared_grid_the_baseline_comes_from_the_same_grid_point()
    {
        var low = new Dictionary<string, string> { ["lr"] = "0.001" };
        var high = new Dictionary<string, string> { ["lr"] = "0.1" };
        var results = new[]
        {
            // At lr 0.001 adam is the best baseline; at lr 0.1 sgd is.
            Job("mnist", "sgd", 1, JobState.Completed, low, Epoch(1, 0.80)),
            Job("mnist", "adam", 1, JobState.Completed, low, Epoch(1, 0.95)),
            Job("mnist", "enhanced-sgd", 1, JobState.Completed, low, Epoch(1, 0.90)),
            Job("mnist", "sgd", 1, JobState.Completed, high, Epoch(1, 0.97)),
            Job("mnist", "adam", 1, JobState.Completed, high, Epoch(1, 0.50)),
            Job("mnist", "enhanced-sgd", 1, JobState.Completed, high, Epoch(1, 0.90)),
        };

        var aggregate = Aggregator.Aggregate(results, MetricChoice.TestMetric, null);

        aggregate.Rankings.Select(r => (r.Scope.GridPoint!.Canonical, r.BestBaseline!.Optimizer))
            .Should().Equal(("lr=0.001", "adam"), ("lr=0.1", "sgd"));
        var enhanced = aggregate.Groups.Where(g => g.Key.Optimizer == "enhanced-sgd").ToList();
        enhanced.Select(g => g.VersusBestBaseline.BaselineGridPoint!.Canonical).Should().Equal("lr=0.001", "lr=0.1");
        enhanced.Select(g => g.VersusBestBaseline.MeanDifference!.Value)
            .Should().SatisfyRespectively(d => d.Should().BeApproximately(-0.05, 1e-12), d => d.Should().BeApproximately(-0.07, 1e-12));
    }

    [Fact]
    public void Without_a_shared_grid_all_grid_points_of_a_dataset_are_compared_together()
    {
        // enhanced-sgd swept lr; the baselines ran once at their defaults.
        var results = new[]
        {
            Job("mnist", "sgd", 1, JobState.Completed, new Dictionary<string, string>(), Epoch(1, 0.90)),
            Job("mnist", "enhanced-sgd", 1, JobState.Completed, new Dictionary<string, string> { ["lr"] = "0.01" }, Epoch(1, 0.92)),
            Job("mnist", "enhanced-sgd", 1, JobState.Completed, new Dictionary<string, string> { ["lr"] = "0.1" }, Epoch(1, 0.88)),
        };

        var aggregate = Aggregator.Aggregate(results, MetricChoice.TestMetric, null);

        var ranking = aggregate.Rankings.Should().ContainSingle().Subject;
        ranking.Scope.GridPoint.Should().BeNull();
        ranking.BestBaseline!.Optimizer.Should().Be("sgd");
        aggregate.Groups.Where(g => g.Key.Optimizer == "enhanced-sgd")
            .Should().OnlyContain(g => g.VersusBestBaseline.BaselineOptimizer == "sgd");
    }
}
