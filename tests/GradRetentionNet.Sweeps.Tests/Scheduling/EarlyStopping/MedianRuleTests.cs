using GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

namespace GradRetentionNet.Sweeps.Tests.Scheduling.EarlyStopping;

public sealed class MedianRuleTests
{
    static MedianRule WithOthers(int graceEpochs = 1, int maxEpochs = 5)
    {
        var rule = new MedianRule(graceEpochs, maxEpochs);
        // Three finished trials: best by epoch 1 = 0.4, 0.6, 0.8; by epoch 2 = 0.5, 0.7, 0.9.
        foreach (var (trial, curve) in new[] { ("a", new[] { 0.4, 0.5 }), ("b", new[] { 0.6, 0.7 }), ("c", new[] { 0.8, 0.9 }) })
            for (var epoch = 1; epoch <= curve.Length; epoch++) rule.Replay(trial, epoch, curve[epoch - 1]);
        return rule;
    }

    [Fact]
    public void A_trial_whose_best_so_far_is_below_the_others_median_at_the_same_epoch_stops()
    {
        var rule = WithOthers();
        rule.Report("low", 1, 0.55).Should().BeTrue("0.55 < median(0.4, 0.6, 0.8) = 0.6");
        rule.Report("high", 1, 0.65).Should().BeFalse();
    }

    [Fact]
    public void The_best_value_so_far_counts_not_the_latest()
    {
        var rule = WithOthers();
        rule.Report("dips", 1, 0.75).Should().BeFalse();
        rule.Report("dips", 2, 0.3).Should().BeFalse("its best by epoch 2 is 0.75, above the median 0.7 of the others' best by epoch 2");
    }

    [Fact]
    public void Nothing_stops_before_the_grace_epoch_at_the_last_epoch_or_with_fewer_than_three_others()
    {
        WithOthers(graceEpochs: 2).Report("early", 1, 0.0).Should().BeFalse("epoch 1 is within the grace period");
        WithOthers(maxEpochs: 2).Report("last", 2, 0.0).Should().BeFalse("the last epoch ends the trial anyway");

        var few = new MedianRule(1, 5);
        few.Report("a", 1, 0.9).Should().BeFalse();
        few.Report("b", 1, 0.8).Should().BeFalse();
        few.Report("c", 1, 0.1).Should().BeFalse($"two others are fewer than {MedianRule.MinimumOthers}");
        few.Report("d", 1, 0.05).Should().BeTrue("now three others: median(0.9, 0.8, 0.1) = 0.8");
    }
}
