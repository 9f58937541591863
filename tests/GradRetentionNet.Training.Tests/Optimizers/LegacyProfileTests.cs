using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Enhanced;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers;

public sealed class LegacyProfileTests
{
    static readonly Dictionary<string, string> Plain = new() { ["centre"] = "false", ["clip"] = "none", ["noise_eta"] = "0" };

    [Fact]
    public void Without_centring_clipping_and_noise_it_is_exactly_torch_SGD()
    {
        using var legacyModel = LinearTask.Model(seed: 3);
        using var sgdModel = LinearTask.Model(seed: 3);
        using var legacy = OptimizerCatalog.Create("enhanced-sgd-legacy", legacyModel.parameters(), Plain, new OptimizerContext(Seed: 1));
        using var sgd = torch.optim.SGD(sgdModel.parameters(), 0.01, momentum: 0.9);

        LinearTask.EndEqual(legacyModel, legacy, sgdModel, sgd, steps: 60).Should().BeTrue();
    }

    [Fact]
    public void With_centring_or_clipping_on_it_departs_from_SGD()
    {
        using var legacyModel = LinearTask.Model(seed: 3);
        using var sgdModel = LinearTask.Model(seed: 3);
        using var legacy = OptimizerCatalog.Create("enhanced-sgd-legacy", legacyModel.parameters(),
            new Dictionary<string, string> { ["noise_eta"] = "0" }, new OptimizerContext(Seed: 1));
        using var sgd = torch.optim.SGD(sgdModel.parameters(), 0.01, momentum: 0.9);

        LinearTask.EndEqual(legacyModel, legacy, sgdModel, sgd, steps: 5).Should().BeFalse();
    }

    [Fact]
    public void Reproduces_the_worked_example_of_the_specification()
    {
        // Six gradient elements with mean 0 and unbiased variance 36.1046: four in a weight,
        // two (±6.68) in a bias, so centring leaves them as they are.
        var scale = Math.Sqrt(36.1046 / 39.6);
        var weightGradient = new[] { 5 * scale, -5 * scale, 5 * scale, -5 * scale };
        var biasGradient = new[] { 7 * scale, -7 * scale };
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(4));
        using var bias = new TorchSharp.Modules.Parameter(torch.zeros(2));
        using var optimizer = OptimizerCatalog.Create("enhanced-sgd-legacy", [weight, bias],
            new Dictionary<string, string> { ["noise_eta"] = "0" }, new OptimizerContext(Seed: 1));

        using (var loss = weight.mul(torch.tensor(weightGradient, dtype: ScalarType.Float32)).sum()
                   + bias.mul(torch.tensor(biasGradient, dtype: ScalarType.Float32)).sum())
            loss.backward();
        optimizer.step();

        var telemetry = ((EnhancedSGD)optimizer).DrainTelemetry().Steps.Single();
        telemetry.GradientVariance.Should().BeApproximately(36.1046, 1e-4);
        // v = 0.1·36.1046 = 3.61046 > 0.9, so the legacy rule shrinks it to 0.361046.
        telemetry.SmoothedVariance.Should().BeApproximately(0.361046, 1e-5);
        // c = clamp(2·sqrt(0.361046), 0.5, 10) = 1.2017: the ±6.68 bias gradients are clipped
        // to it and the bias moves by lr·c in the first step; the ±4.77 weights likewise.
        bias.data<float>().ToArray().Should().Equal(new[] { -0.012017f, 0.012017f }, (a, b) => Math.Abs(a - b) < 1e-6);
        weight.data<float>().ToArray().Should().OnlyContain(w => Math.Abs(Math.Abs(w) - 0.012017f) < 1e-6);
        telemetry.ClipFraction.Should().Be(1);
    }

    [Fact]
    public void Variance_below_the_stabilisation_threshold_is_kept_and_only_large_elements_are_clipped()
    {
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(4));
        using var optimizer = OptimizerCatalog.Create("enhanced-sgd-legacy", [weight],
            new Dictionary<string, string> { ["noise_eta"] = "0", ["centre"] = "false" }, new OptimizerContext(Seed: 1));
        // Gradient [0.1, 0.2, 0.3, 4]: variance 10.85/3, EMA 0.361667 < 0.9 so it is kept,
        // c = 2·sqrt(0.361667) = 1.20277: only the 4 is clipped.
        using (var loss = weight.mul(torch.tensor(new float[] { 0.1f, 0.2f, 0.3f, 4 })).sum()) loss.backward();
        optimizer.step();
        var telemetry = ((EnhancedSGD)optimizer).DrainTelemetry().Steps.Single();
        telemetry.SmoothedVariance.Should().BeApproximately(10.85 / 30, 1e-6);
        telemetry.ClipFraction.Should().Be(0.25);
        weight.data<float>().ToArray().Should().Equal(new[] { -0.001f, -0.002f, -0.003f, -0.0120277f }, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Global_norm_clipping_measures_the_centred_gradient()
    {
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(4));
        using var optimizer = OptimizerCatalog.Create("enhanced-sgd-legacy", [weight],
            new Dictionary<string, string> { ["noise_eta"] = "0", ["clip"] = "global-norm" }, new OptimizerContext(Seed: 1));
        // Gradient [1, 2, 3, 4] centres to [−1.5, −0.5, 0.5, 1.5] (norm √5); the variance EMA is
        // 0.1·5/3, so the cap is 2·sqrt(σ²·4) = 1.63299 and the direction shrinks by 1.63299/√5.
        using (var loss = weight.mul(torch.tensor(new float[] { 1, 2, 3, 4 })).sum()) loss.backward();
        optimizer.step();
        var shrink = 2 * Math.Sqrt(0.5 / 3 * 4) / Math.Sqrt(5);
        var expected = new[] { -1.5, -0.5, 0.5, 1.5 }.Select(g => (float)(-0.01 * shrink * g)).ToArray();
        weight.data<float>().ToArray().Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-7);
        ((EnhancedSGD)optimizer).DrainTelemetry().Steps.Single().ClipFraction.Should().Be(1);
    }
}
