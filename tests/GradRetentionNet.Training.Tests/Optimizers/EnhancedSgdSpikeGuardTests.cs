using System.Globalization;
using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced;
using GradRetentionNet.Training.Optimizers.Telemetry;
using TorchSharp;
using TorchSharp.Modules;

namespace GradRetentionNet.Training.Tests.Optimizers;

/// <summary>
/// The controller's loss-spike guard on loss sequences chosen by hand. The optimizer sees a fixed
/// gradient and the given batch losses, so L and D follow from the losses alone:
/// L_n = EMA_n(loss) / (1 − β^n), D_m = EMA_m(|loss − L_before|) / (1 − β^m) over the m deviations
/// folded so far (from the second batch on), β = β_L = 0.9, and the guard compares each loss with
/// L and D as they were before that batch. The values in the comments were computed by hand (to 6
/// places) from those formulas, not by the optimizer.
/// </summary>
public sealed class EnhancedSgdSpikeGuardTests
{
    const double Lr = 0.1;

    /// <summary>Feeds <paramref name="losses"/> to a four-element parameter with a constant gradient; greedy controller (ε = 0) if any, no clipping, no noise, no momentum.</summary>
    static TelemetryBatch Feed(IReadOnlyList<double> losses, int interval = 3, Dictionary<string, string>? overrides = null, string name = "enhanced-sgd")
    {
        var hyperParameters = new Dictionary<string, string>
        {
            ["interval"] = interval.ToString(CultureInfo.InvariantCulture), ["clip"] = "none", ["noise_eta"] = "0",
            ["momentum"] = "0", ["lr"] = Lr.ToString(CultureInfo.InvariantCulture),
        };
        if (name != "enhanced-sgd-no-controller") hyperParameters["epsilon"] = "0";
        foreach (var (key, value) in overrides ?? []) hyperParameters[key] = value;
        using var weight = new Parameter(torch.zeros(4));
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create(name, [weight], hyperParameters, new OptimizerContext(Seed: 1, PlannedSteps: 100));
        using var slope = torch.tensor(new float[] { 1, -2, 3, -4 });
        foreach (var value in losses)
        {
            optimizer.zero_grad();
            using (var objective = weight.mul(slope).sum()) objective.backward();
            using var loss = torch.tensor(value);
            optimizer.step(loss);
        }
        var telemetry = optimizer.DrainTelemetry();
        telemetry.Steps.Should().HaveCount(losses.Count);
        return telemetry;
    }

    static long[] Fired(TelemetryBatch telemetry) => telemetry.Steps.Where(s => s.Spike).Select(s => s.Step).ToArray();

    /// <summary>
    /// Every step's lr scale is the previous one (or the one its decision just set) halved when the
    /// guard fired at that step and unchanged otherwise; the effective lr is lr·f_var·lr_scale.
    /// </summary>
    static void LrScaleHalvesExactlyAtTheSpikes(TelemetryBatch telemetry, double initialLrScale = 1, double lr = Lr)
    {
        var setByDecision = telemetry.Decisions.ToDictionary(d => d.Step + 1, d => d.LrScale);
        var previous = initialLrScale;
        foreach (var step in telemetry.Steps)
        {
            var before = setByDecision.TryGetValue(step.Step, out var decided) ? decided : previous;
            step.LrScale.Should().Be(step.Spike ? before * 0.5 : before, $"step {step.Step} {(step.Spike ? "spiked" : "did not spike")}");
            step.LearningRate.Should().BeApproximately(lr * step.VarianceLrFactor * step.LrScale, 1e-15);
            previous = step.LrScale;
        }
    }

    // Quiet losses around 1 with near misses on both sides of L + 4·D.
    // Below (step: loss vs L + 4·D before it): 7: 1.05 vs 0.999475 + 4·0.014039 = 1.055631 and
    // 9: 1.06 vs 1.007552 + 4·0.019398 = 1.085143 do not fire; 10: 1.3 vs 1.116918 does. With
    // k_s = 3, with D not bias-corrected, or with D folded against the L after the batch, step 7
    // would fire too.
    static readonly double[] NearMissesBelow = [1.0, 1.02, 0.98, 1.0, 1.01, 0.99, 1.05, 1.0, 1.06, 1.3, 1.0, 1.0];

    // Above: 7: 1.06 vs 1.055631, 10: 1.09 vs 1.010906 + 4·0.019625 = 1.089408 and 12: 1.3 vs
    // 1.133165 fire; 8, 9, 11 and 13 do not. With k_s = 5, or with the batch folded into L and D
    // before the comparison, steps 7 and 10 would not fire; with β = 0.8, step 10 would not.
    static readonly double[] NearMissesAbove = [1.0, 1.02, 0.98, 1.0, 1.01, 0.99, 1.06, 1.0, 1.02, 1.09, 1.0, 1.3, 1.0];

    // Noisy losses alternating 1 and 2: D is about 0.65, so L + 4·D is about 4 and the deviation rule
    // never fires, while 1.5·L is about 2: step 4 (2 vs 1.5·1.332103 = 1.998155) and step 8
    // (2.4 vs 1.5·1.425432 = 2.138147) fire under the ratio rule.
    static readonly double[] Alternating = [1, 2, 1, 2, 1, 2, 1, 2.4, 1.2, 2];

    [Fact]
    public void The_deviation_rule_fires_exactly_at_the_hand_computed_steps()
    {
        Fired(Feed(NearMissesBelow)).Should().Equal(10);
        Fired(Feed(NearMissesAbove)).Should().Equal(7, 10, 12);
        Fired(Feed(Alternating)).Should().BeEmpty("each loss is within 4·D of L");
    }

    [Fact]
    public void The_ratio_rule_still_fires_when_selected()
    {
        var ratio = new Dictionary<string, string> { ["spike_rule"] = "ratio" };
        Fired(Feed(Alternating, overrides: ratio)).Should().Equal(4, 8);
        Fired(Feed(NearMissesBelow, overrides: ratio)).Should().BeEmpty("1.3 < 1.5·L");
        Fired(Feed(NearMissesAbove, overrides: ratio)).Should().BeEmpty();

        // The threshold reaches the rule: at 1.4, step 6 (2 vs 1.4·1.397792 = 1.956909) fires too; at 1.6 only step 8 (2.4 vs 2.280691).
        Fired(Feed(Alternating, overrides: new() { ["spike_rule"] = "ratio", ["spike_threshold"] = "1.4" })).Should().Equal(4, 6, 8);
        Fired(Feed(Alternating, overrides: new() { ["spike_rule"] = "ratio", ["spike_threshold"] = "1.6" })).Should().Equal(8);
    }

    [Fact]
    public void Spike_k_reaches_the_deviation_rule()
    {
        Fired(Feed(NearMissesBelow, overrides: new() { ["spike_k"] = "3" })).Should().Equal(7, 10);
        Fired(Feed(NearMissesAbove, overrides: new() { ["spike_k"] = "5" })).Should().Equal(12);
    }

    [Theory]
    [InlineData("deviation")]
    [InlineData("ratio")]
    public void The_guard_is_not_armed_in_the_first_K_steps(string rule)
    {
        var overrides = new Dictionary<string, string> { ["spike_rule"] = rule };
        Fired(Feed([1, 100, 10_000, 1], interval: 3, overrides)).Should().BeEmpty("steps 2 and 3 are within the first K = 3");

        // 5.0 at step 4 fires once the guard is armed (deviation: 5 > 1.033210 + 4·0.075069 = 1.333487;
        // ratio: 5 > 1.5·1.033210), but not when step 4 is still within the first K.
        double[] jumpAtStep4 = [1.0, 1.1, 1.0, 5.0, 1.0];
        Fired(Feed(jumpAtStep4, interval: 3, overrides)).Should().Equal(4);
        Fired(Feed(jumpAtStep4, interval: 4, overrides)).Should().BeEmpty();

        // Step 2 would fire under the ratio rule (2 > 1.5·1) if the guard were armed from the start.
        Fired(Feed(Alternating, interval: 1, overrides: new() { ["spike_rule"] = "ratio" })).Should().Equal(2, 4, 8);
    }

    [Fact]
    public void D_is_bias_corrected()
    {
        // L₂ = (0.09·1 + 0.1·1.2) / 0.19 = 21/19; deviations 0.2 (step 2) and |1 − 21/19| = 2/19 (step 3).
        // D₃ = (0.9·0.1·0.2 + 0.1·2/19) / (1 − 0.9²) = 0.150139 and L₃ = 0.289 / 0.271 = 1.066421.
        // Step 4's 1.5 stays under L₃ + 4·D₃ = 1.666975; without the correction (D = 0.028526) it
        // would be over 1.180525.
        var telemetry = Feed([1.0, 1.2, 1.0, 1.5]);

        var decision = telemetry.Decisions.Single();
        decision.Step.Should().Be(3);
        decision.Loss.Should().BeApproximately(0.289 / 0.271, 1e-12);
        decision.LossDeviation.Should().BeApproximately((0.9 * 0.1 * 0.2 + 0.1 * (2.0 / 19)) / 0.19, 1e-12);
        Fired(telemetry).Should().BeEmpty();
    }

    [Fact]
    public void A_firing_halves_the_lr_scale_once_and_the_next_decision_does_not_explore()
    {
        var telemetry = Feed(NearMissesAbove);

        LrScaleHalvesExactlyAtTheSpikes(telemetry);
        telemetry.Steps.Single(s => s.Step == 8).LrScale.Should().Be(telemetry.Steps.Single(s => s.Step == 7).LrScale, "one halving per spike");
        // Decisions after steps 3, 6, 9, 12; the spikes at 7, 10 and 12 fall in the last two intervals.
        telemetry.Decisions.Select(d => (d.Step, d.SpikeSeen)).Should().Equal((3, false), (6, false), (9, true), (12, true));
        telemetry.Decisions.Where(d => d.SpikeSeen).Should().OnlyContain(d => !d.Controller!.Explored);
        LrScaleHalvesExactlyAtTheSpikes(Feed(Alternating, overrides: new() { ["spike_rule"] = "ratio" }));
    }

    [Fact]
    public void The_lr_scale_stays_within_its_bounds()
    {
        // Ten quiet steps, then ever larger jumps: the guard fires at every one of them and the scale
        // stops at its lower bound 0.1. (The decision before step 11, the first, keeps the scale.)
        double[] climbing = [1, 1.1, 1, 1.1, 1, 1.1, 1, 1.1, 1, 1.1, 10, 1e3, 1e5, 1e7, 1e9];
        var telemetry = Feed(climbing, interval: 10);
        Fired(telemetry).Should().Equal(11, 12, 13, 14, 15);
        telemetry.Steps.Select(s => s.LrScale).Should().Equal(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.25, 0.125, 0.1, 0.1);
    }

    [Fact]
    public void Spike_rule_off_never_halves()
    {
        var telemetry = Feed(NearMissesAbove, overrides: new() { ["spike_rule"] = "off" });
        Fired(telemetry).Should().BeEmpty();
        LrScaleHalvesExactlyAtTheSpikes(telemetry);
        telemetry.Decisions.Should().OnlyContain(d => !d.SpikeSeen && d.LossDeviation == 0);
    }

    [Fact]
    public void The_no_spike_guard_ablation_keeps_the_controller_and_never_halves()
    {
        Fired(Feed(NearMissesAbove, name: "enhanced-sgd-no-spike-guard")).Should().BeEmpty();
        Fired(Feed(Alternating, name: "enhanced-sgd-no-spike-guard")).Should().BeEmpty();

        using var model = LinearTask.Model(seed: 1);
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd-no-spike-guard", model.parameters(),
            new Dictionary<string, string> { ["interval"] = "10" }, new OptimizerContext(Seed: 3, PlannedSteps: 300));
        optimizer.Config.Controller!.SpikeRule.Should().Be(SpikeRule.Off);
        for (var step = 0; step < 34; step++) LinearTask.Step(model, optimizer, step);
        var beforeSpike = optimizer.DrainTelemetry().Steps[^1];
        LinearTask.Step(model, optimizer, 34, lossMultiplier: 50);
        for (var step = 35; step < 60; step++) LinearTask.Step(model, optimizer, step);
        var after = optimizer.DrainTelemetry();

        after.Steps[0].Spike.Should().BeFalse();
        after.Steps[0].LrScale.Should().Be(beforeSpike.LrScale, "the 50-fold loss does not halve the lr scale");
        after.Steps.Should().OnlyContain(s => !s.Spike);
        after.Decisions.Should().OnlyContain(d => !d.SpikeSeen && d.Controller != null);
        LrScaleHalvesExactlyAtTheSpikes(after, beforeSpike.LrScale, lr: 0.01);
    }

    [Fact]
    public void The_no_var_factor_ablation_keeps_f_var_at_1_while_the_full_profile_moves_it()
    {
        TelemetryBatch Train(string name)
        {
            using var model = LinearTask.Model(seed: 1);
            using var optimizer = (EnhancedSGD)OptimizerCatalog.Create(name, model.parameters(), null, new OptimizerContext(Seed: 5, PlannedSteps: 200));
            for (var step = 0; step < 200; step++) LinearTask.Step(model, optimizer, step);
            return optimizer.DrainTelemetry();
        }

        var ablation = Train("enhanced-sgd-no-var-factor");
        ablation.Steps.Should().OnlyContain(s => s.VarianceLrFactor == 1);
        ablation.Decisions.Should().OnlyContain(d => d.VarianceLrFactor == 1 && d.Controller != null);
        ablation.Steps.Should().OnlyContain(s => s.LearningRate == 0.01 * s.LrScale);

        var full = Train("enhanced-sgd");
        full.Steps.Select(s => s.VarianceLrFactor).Distinct().Count().Should().BeGreaterThan(5);
        full.Steps.Should().OnlyContain(s => s.VarianceLrFactor >= 0.5 && s.VarianceLrFactor <= 1.5);
        foreach (var step in full.Steps)
            step.LearningRate.Should().BeApproximately(0.01 * step.VarianceLrFactor * step.LrScale, 1e-15);
        // Each step's f_var is the one its latest decision set.
        var decided = full.Decisions.ToDictionary(d => d.Step, d => d.VarianceLrFactor);
        foreach (var step in full.Steps.Where(s => s.Step > 10))
            step.VarianceLrFactor.Should().Be(decided[(step.Step - 1) / 10 * 10]);
    }

    [Fact]
    public void Without_a_controller_the_spike_column_is_0_and_the_lr_scale_1()
    {
        var telemetry = Feed([1, 1.1, 1, 50, 1], name: "enhanced-sgd-no-controller");
        telemetry.Steps.Should().OnlyContain(s => !s.Spike && s.LrScale == 1);
    }

    [Theory]
    [InlineData("enhanced-sgd", SpikeRule.Deviation)]
    [InlineData("enhanced-sgd-bandit", SpikeRule.Deviation)]
    [InlineData("enhanced-sgd-no-var-factor", SpikeRule.Deviation)]
    [InlineData("enhanced-sgd-no-spike-guard", SpikeRule.Off)]
    public void Profiles_default_to_the_deviation_rule_with_k_4(string name, SpikeRule rule)
    {
        using var weight = new Parameter(torch.zeros(1));
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create(name, [weight], null, new OptimizerContext(1));
        optimizer.Config.Controller!.SpikeRule.Should().Be(rule);
        optimizer.Config.Controller.SpikeK.Should().Be(4);
        optimizer.Config.Controller.SpikeThreshold.Should().Be(1.5);
        optimizer.Config.VarianceLrFactor.Should().Be(name != "enhanced-sgd-no-var-factor");
    }
}
