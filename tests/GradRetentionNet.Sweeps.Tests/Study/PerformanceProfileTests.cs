using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Sweeps.Tests.Study;

public class PerformanceProfileTests
{
    const double Missed = double.PositiveInfinity;

    static IEnumerable<OptimizerTime> Times(string optimizer, params double[] perDataset) =>
        perDataset.Select((t, i) => new OptimizerTime($"d{i + 1}", optimizer, t));

    static Dictionary<string, PerformanceProfile> Profiles(params IEnumerable<OptimizerTime>[] times) =>
        PerformanceProfile.Of(times.SelectMany(t => t)).ToDictionary(p => p.Optimizer);

    [Fact]
    public void Best_everywhere_scores_one_twice_slower_two_thirds_always_missing_zero()
    {
        // Ratios: fast 1 everywhere; slow 2 everywhere, so ρ = 1 from τ = 2 and B = (4 − 2)/3; never ∞.
        var profiles = Profiles(Times("fast", 10, 20, 30), Times("slow", 20, 40, 60), Times("never", Missed, Missed, Missed));

        profiles["fast"].Score.Should().BeApproximately(1, 1e-15);
        profiles["slow"].Score.Should().BeApproximately(2.0 / 3, 1e-15);
        profiles["never"].Score.Should().Be(0);
        profiles["slow"].Ratios.Values.Should().AllBeEquivalentTo(2.0);
        profiles["never"].Ratios.Values.Should().AllBeEquivalentTo(Missed);
    }

    [Fact]
    public void A_mixed_profile_integrates_its_steps_exactly()
    {
        // Against best = fast: ratios 1.5, ∞, 3 → ∫₁⁴ ρ = ((4 − 1.5) + (4 − 3)) / 3 = 3.5/3, B = 3.5/9.
        var profiles = Profiles(Times("fast", 10, 20, 30), Times("mixed", 15, Missed, 90));
        var mixed = profiles["mixed"];

        mixed.Score.Should().BeApproximately(3.5 / 9, 1e-15);
        mixed.Points.Should().Equal(new ProfilePoint(1, 0), new ProfilePoint(1.5, 1.0 / 3), new ProfilePoint(3, 2.0 / 3), new ProfilePoint(4, 2.0 / 3));
        mixed.Fraction(2.9).Should().BeApproximately(1.0 / 3, 1e-15);
        mixed.Fraction(3).Should().BeApproximately(2.0 / 3, 1e-15);
    }

    [Fact]
    public void The_exact_score_agrees_with_a_fine_riemann_sum()
    {
        var profiles = Profiles(Times("a", 10, 25, 7, 40), Times("b", 13, 20, 30, Missed), Times("c", 31, 22, 8, 45));
        const int steps = 300_000;

        foreach (var profile in profiles.Values)
        {
            var width = 3.0 / steps;
            var riemann = Enumerable.Range(0, steps).Sum(i => profile.Fraction(1 + (i + 0.5) * width)) * width / 3;
            profile.Score.Should().BeApproximately(riemann, 1e-5);
        }
    }

    [Fact]
    public void A_dataset_every_optimizer_missed_has_no_best_and_counts_against_everyone()
    {
        var profiles = Profiles(Times("fast", 10, Missed), Times("slow", 20, Missed));

        profiles["fast"].Ratios["d2"].Should().Be(Missed);
        profiles["slow"].Ratios["d2"].Should().Be(Missed);
        profiles["fast"].Score.Should().BeApproximately(0.5, 1e-15);
        profiles["fast"].Points.Should().Equal(new ProfilePoint(1, 0.5), new ProfilePoint(4, 0.5));
    }

    [Fact]
    public void Beyond_r_max_earns_nothing_but_keeps_its_finite_ratio()
    {
        var profiles = Profiles(Times("fast", 10), Times("slow", 50));

        profiles["slow"].Ratios["d1"].Should().Be(5);
        profiles["slow"].Score.Should().Be(0);
        profiles["slow"].Points.Should().Equal(new ProfilePoint(1, 0), new ProfilePoint(4, 0));
    }

    [Fact]
    public void An_optimizer_without_an_entry_for_a_dataset_missed_it()
    {
        var profiles = Profiles(Times("fast", 10, 10), [new OptimizerTime("d1", "partial", 10)]);

        profiles["partial"].Ratios["d2"].Should().Be(Missed);
        profiles["partial"].Score.Should().BeApproximately(0.5, 1e-15);
    }

    [Fact]
    public void A_best_time_of_zero_leaves_only_other_zeros_at_ratio_one()
    {
        var profiles = Profiles(Times("instant", 0), Times("also", 0), Times("later", 5));

        profiles["also"].Ratios["d1"].Should().Be(1);
        profiles["later"].Ratios["d1"].Should().Be(Missed);
    }

    [Fact]
    public void Builds_from_cell_medians_with_an_undefined_median_as_a_miss()
    {
        CellTimeToTarget[] cells =
        [
            new(new("d1", "sgd"), 0.9, 200, 20, 1, 1, 0, []),
            new(new("d1", "lion"), 0.9, 100, 40, 1, 1, 0, []),
            new(new("d1", "adam"), 0.9, null, null, 0, 0, 2, []),
        ];

        var bySteps = PerformanceProfile.Of(OptimizerTime.InSteps(cells)).ToDictionary(p => p.Optimizer);
        var bySeconds = PerformanceProfile.Of(OptimizerTime.InSeconds(cells)).ToDictionary(p => p.Optimizer);

        bySteps["sgd"].Ratios["d1"].Should().Be(2);
        bySeconds["lion"].Ratios["d1"].Should().Be(2);
        bySteps["adam"].Ratios["d1"].Should().Be(Missed);
    }

    [Fact]
    public void Rejects_negative_or_nan_times()
    {
        FluentActions.Invoking(() => PerformanceProfile.Of(Times("a", -1))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => PerformanceProfile.Of(Times("a", double.NaN))).Should().Throw<ArgumentException>();
    }
}
