using GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

namespace GradRetentionNet.Sweeps.Tests.Scheduling.EarlyStopping;

public sealed class AshaRuleTests
{
    [Fact]
    public void Rungs_lie_at_grace_times_powers_of_the_reduction_factor_below_the_full_length()
    {
        new AshaRule(graceEpochs: 1, reductionFactor: 3, maxEpochs: 27).Rungs.Should().Equal(1, 3, 9);
        new AshaRule(graceEpochs: 2, reductionFactor: 2, maxEpochs: 16).Rungs.Should().Equal(2, 4, 8);
        new AshaRule(graceEpochs: 1, reductionFactor: 3, maxEpochs: 1).Rungs.Should().BeEmpty("a one-epoch trial has nothing to stop");
    }

    [Fact]
    public void A_trial_goes_on_only_in_the_top_third_of_its_rung_so_far_with_eta_3()
    {
        var rule = new AshaRule(graceEpochs: 1, reductionFactor: 3, maxEpochs: 9);

        // Values 0.5, 0.9, 0.1, 0.8, 0.3, 0.95 arrive in this order at rung 1. The cutoff is the
        // 2/3 quantile (linear interpolation, numpy's default) of the values so far, itself included:
        // [0.5] → 0.5 go on; [0.5 0.9] → 0.767 go on; [0.1 0.5 0.9] → 0.633 stop;
        // [0.1 0.5 0.8 0.9] → 0.8 go on; [0.1 0.3 0.5 0.8 0.9] → 0.7 stop; [.. 0.95] → 0.833 go on.
        var decisions = new[] { 0.5, 0.9, 0.1, 0.8, 0.3, 0.95 }.Select((v, i) => rule.Report($"t{i}", 1, v)).ToList();

        decisions.Should().Equal(false, false, true, false, true, false);
    }

    [Fact]
    public void Epochs_between_rungs_and_the_last_epoch_never_stop_a_trial()
    {
        var rule = new AshaRule(graceEpochs: 1, reductionFactor: 2, maxEpochs: 4); // rungs 1, 2
        rule.Report("good", 3, 0.9).Should().BeFalse();
        rule.Report("bad", 3, 0.1).Should().BeFalse("epoch 3 is no rung");
        rule.Report("bad", 4, 0.0).Should().BeFalse("the last epoch is the end, not a rung");
    }

    [Fact]
    public void A_non_finite_value_at_a_rung_stops_the_trial()
    {
        var rule = new AshaRule(1, 3, 9);
        rule.Report("nan", 1, double.NaN).Should().BeTrue();
    }

    [Fact]
    public void Replayed_values_count_in_later_decisions_without_deciding_themselves()
    {
        var rule = new AshaRule(1, 2, 8);
        rule.Replay("a", 1, 0.9);
        rule.Replay("b", 1, 0.8);
        rule.Report("c", 1, 0.5).Should().BeTrue("the rung remembers 0.9 and 0.8 from before the restart: its median is 0.8");
    }
}
