using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced;
using TorchSharp;

namespace GradRetentionNet.Training.Tests.Optimizers;

public sealed class EnhancedSgdTrainingTests
{
    static EnhancedSGD Enhanced(TorchSharp.Modules.Sequential model, long seed, long plannedSteps = 300,
        Dictionary<string, string>? hyperParameters = null, string name = "enhanced-sgd") =>
        (EnhancedSGD)OptimizerCatalog.Create(name, model.parameters(), hyperParameters, new OptimizerContext(seed, plannedSteps));

    [Fact]
    public void Reduces_the_loss_of_a_small_network_on_a_learnable_task()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 42);
        var before = LinearTask.Loss(model, step: -1);
        for (var step = 0; step < 300; step++) LinearTask.Step(model, optimizer, step);
        var after = LinearTask.Loss(model, step: -1);

        // The teacher is linear, so a 16-unit MLP can drive the held-out loss far below the
        // ~1.1 of chance; a broken update rule stalls near it.
        before.Should().BeGreaterThan(0.9);
        after.Should().BeLessThan(0.35 * before);
    }

    [Fact]
    public void The_controller_acts_every_interval_and_telemetry_covers_every_step()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 42, hyperParameters: new() { ["interval"] = "10" });
        for (var step = 0; step < 95; step++) LinearTask.Step(model, optimizer, step);
        var telemetry = optimizer.DrainTelemetry();

        telemetry.Steps.Select(s => s.Step).Should().Equal(Enumerable.Range(1, 95).Select(i => (long)i));
        telemetry.Decisions.Select(d => d.Step).Should().Equal(10, 20, 30, 40, 50, 60, 70, 80, 90);
        telemetry.Decisions.Should().OnlyContain(d => d.Controller != null);
        telemetry.Decisions[0].Controller!.Reward.Should().BeNull();
        telemetry.Decisions.Skip(1).Should().OnlyContain(d => d.Controller!.Reward.HasValue);
        telemetry.Steps.Should().OnlyContain(s => double.IsFinite(s.Loss) && s.SmoothedVariance > 0 && s.LearningRate > 0);
        optimizer.Controller!.Epsilon.Should().BeApproximately(0.3 * Math.Pow(0.99, 9), 1e-12);
        optimizer.DrainTelemetry().Steps.Should().BeEmpty("a drain hands records over once");
    }

    [Fact]
    public void The_smoothed_variance_is_bias_corrected()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 42);
        for (var step = 0; step < 3; step++) LinearTask.Step(model, optimizer, step);
        var steps = optimizer.DrainTelemetry().Steps;

        // σ²₁ = (1 − β)·v₁ / (1 − β) = v₁; σ²₂ = (0.9·0.1·v₁ + 0.1·v₂) / (1 − 0.81).
        steps[0].SmoothedVariance.Should().BeApproximately(steps[0].GradientVariance, 1e-12 * steps[0].GradientVariance);
        var expected = (0.09 * steps[0].GradientVariance + 0.1 * steps[1].GradientVariance) / 0.19;
        steps[1].SmoothedVariance.Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void The_variance_lr_factor_follows_the_variance_trend()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 5, name: "enhanced-sgd-no-controller");
        for (var step = 0; step < 200; step++) LinearTask.Step(model, optimizer, step);
        var decisions = optimizer.DrainTelemetry().Decisions;

        decisions.Should().OnlyContain(d => d.Controller == null);
        foreach (var decision in decisions)
            decision.VarianceLrFactor.Should().BeApproximately(Math.Clamp(1 - decision.VarianceTrend, 0.5, 1.5), 1e-12);
        decisions.Select(d => d.VarianceLrFactor).Distinct().Count().Should().BeGreaterThan(5, "the factor moves with the variance");
    }

    [Fact]
    public void The_same_seed_reproduces_a_run_and_another_seed_does_not()
    {
        TorchSharp.torch.Tensor[] Run(long seed)
        {
            using var model = LinearTask.Model(seed: 1);
            using var optimizer = Enhanced(model, seed, hyperParameters: new() { ["bayesian_init_sigma"] = "0.05" });
            for (var step = 0; step < 60; step++) LinearTask.Step(model, optimizer, step);
            return LinearTask.Snapshot(model);
        }

        LinearTask.BitwiseEqual(Run(7), Run(7)).Should().BeTrue();
        LinearTask.BitwiseEqual(Run(7), Run(8)).Should().BeFalse();
    }

    [Fact]
    public void A_loss_spike_halves_the_lr_scale_at_once_and_training_stays_finite()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 3, hyperParameters: new() { ["interval"] = "10" });
        for (var step = 0; step < 34; step++) LinearTask.Step(model, optimizer, step);
        var beforeSpike = optimizer.DrainTelemetry().Steps[^1];

        LinearTask.Step(model, optimizer, 34, lossMultiplier: 50);
        var spike = optimizer.DrainTelemetry().Steps.Single();
        spike.LearningRate.Should().BeApproximately(beforeSpike.LearningRate / 2, 1e-9 * beforeSpike.LearningRate);

        for (var step = 35; step < 120; step++) LinearTask.Step(model, optimizer, step);
        var after = optimizer.DrainTelemetry();
        var next = after.Decisions.First();
        next.Step.Should().Be(40);
        next.SpikeSeen.Should().BeTrue();
        next.Controller!.Explored.Should().BeFalse("exploration is skipped after a spike");
        after.Decisions.Skip(1).Count(d => d.SpikeSeen).Should().BeLessThan(3, string.Join(" ", after.Steps.Select(s => $"{s.Step}:{s.Loss:F3}/{s.LearningRate:G3}")));
        model.parameters().Should().OnlyContain(p => p.isfinite().all().item<bool>());
        LinearTask.Loss(model, -1).Should().BeLessThan(0.6);
    }

    [Fact]
    public void A_non_finite_loss_leaves_the_controller_untouched()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 3, hyperParameters: new() { ["interval"] = "5" });
        for (var step = 0; step < 9; step++) LinearTask.Step(model, optimizer, step);
        LinearTask.Step(model, optimizer, 9, lossMultiplier: double.PositiveInfinity);
        LinearTask.Step(model, optimizer, 10);

        var decisions = optimizer.DrainTelemetry().Decisions;
        decisions[^1].Step.Should().Be(10);
        decisions[^1].Controller.Should().BeNull("a non-finite interval is not learned from");
        for (var s = 0; s < ControllerStateSpace.Count; s++)
            for (var a = 0; a < 3; a++)
                double.IsFinite(optimizer.Controller!.Q(ControlledFactor.Lr, s, a)).Should().BeTrue();
    }

    [Fact]
    public void With_controller_clipping_noise_and_variance_factor_off_it_is_exactly_torch_SGD()
    {
        var everythingOff = new Dictionary<string, string>
        {
            ["clip"] = "none", ["noise_eta"] = "0", ["variance_lr_margin"] = "0",
            ["weight_decay"] = "0.01", ["nesterov"] = "true", ["lr"] = "0.05", ["momentum"] = "0.8",
        };
        using var enhancedModel = LinearTask.Model(seed: 2);
        using var sgdModel = LinearTask.Model(seed: 2);
        using var enhanced = Enhanced(enhancedModel, seed: 1, hyperParameters: everythingOff, name: "enhanced-sgd-no-controller");
        using var sgd = torch.optim.SGD(sgdModel.parameters(), 0.05, momentum: 0.8, weight_decay: 0.01, nesterov: true);

        LinearTask.EndEqual(enhancedModel, enhanced, sgdModel, sgd, steps: 40).Should().BeTrue();
    }

    [Fact]
    public void Global_norm_clipping_caps_the_update_norm()
    {
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(100));
        using var optimizer = new EnhancedSGD([new EnhancedSGD.ParamGroup([weight])], lr: 1, momentum: 0,
            config: new EnhancedSgdConfig { Clipping = ClipMode.GlobalNorm, ClipK = 0.5, NoiseEta = 0, Controller = null });
        // Gradient: 99 zeros and one 10. Unbiased variance = (100 − 1)/99 = 1, σ² = 1 after bias
        // correction, so the norm (10) is cut to 0.5·sqrt(1·100) = 5.
        var gradient = torch.zeros(100);
        gradient[0] = 10;
        using (var loss = weight.mul(gradient).sum()) loss.backward();
        optimizer.step();
        weight.norm().item<float>().Should().BeApproximately(5f, 1e-4f);
        optimizer.DrainTelemetry().Steps.Single().ClipFraction.Should().Be(1);
    }

    [Fact]
    public void Noise_is_annealed_with_the_step_count()
    {
        var standardDeviations = new List<double>();
        // Large enough for the statistics of the noise the step added to be tight.
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(200_000));
        using var optimizer = new EnhancedSGD([new EnhancedSGD.ParamGroup([weight])], lr: 1, momentum: 0,
            config: new EnhancedSgdConfig { Clipping = ClipMode.None, NoiseEta = 1e-2, NoiseDecay = 0.55, Controller = null, VarianceLrFactor = false, Seed = 4 });
        for (var step = 1; step <= 100; step++)
        {
            var before = weight.detach().clone();
            optimizer.zero_grad();
            using (var loss = weight.sum() * 0) loss.backward();
            optimizer.step();
            if (step is 1 or 100) standardDeviations.Add((weight - before).std().item<float>());
        }
        standardDeviations[0].Should().BeApproximately(Math.Sqrt(1e-2), 0.05 * Math.Sqrt(1e-2));
        standardDeviations[1].Should().BeApproximately(Math.Sqrt(1e-2 / Math.Pow(100, 0.55)), 0.05 * Math.Sqrt(1e-2 / Math.Pow(100, 0.55)));
    }

    [Fact]
    public void Parallel_noise_is_reproducible_from_the_seed()
    {
        static TorchSharp.torch.Tensor Noise(long seed)
        {
            using var weight = new TorchSharp.Modules.Parameter(torch.zeros(3, 100_001));
            using var optimizer = new EnhancedSGD([new EnhancedSGD.ParamGroup([weight])], lr: 1, momentum: 0,
                config: new EnhancedSgdConfig { Clipping = ClipMode.None, NoiseEta = 1, Controller = null, Seed = seed });
            for (var step = 0; step < 3; step++)
            {
                optimizer.zero_grad();
                using (var loss = weight.sum() * 0) loss.backward();
                optimizer.step();
            }
            return weight.detach().clone();
        }

        var first = Noise(5);
        first.eq(Noise(5)).all().item<bool>().Should().BeTrue();
        first.eq(Noise(6)).any().item<bool>().Should().BeFalse();
        // Far-apart stretches of the stream draw different numbers.
        var flat = first.reshape(-1);
        var quarter = (flat.numel() + 3) / 4;
        flat.narrow(0, 0, 1000).eq(flat.narrow(0, quarter, 1000)).any().item<bool>().Should().BeFalse();
    }

    [Fact]
    public void Its_directions_do_not_depend_on_the_thread_count()
    {
        // Large enough for libtorch to split its operations over threads; clipping and noise on.
        // lr 1 and no momentum: the parameter moves by exactly the direction, so libtorch's own
        // update arithmetic (whose vectorised and scalar paths round differently, split by
        // threads) stays out, and what is compared is the optimizer's direction.
        using var target = torch.randn(300_001, generator: new torch.Generator(9));
        float[] Run(int threads)
        {
            var before = torch.get_num_threads();
            torch.set_num_threads(threads);
            try
            {
                using var weight = new TorchSharp.Modules.Parameter(torch.zeros(300_001));
                using var optimizer = new EnhancedSGD([new EnhancedSGD.ParamGroup([weight])], lr: 1, momentum: 0,
                    config: new EnhancedSgdConfig { NoiseEta = 1e-2, Controller = null, VarianceLrFactor = false, Seed = 8 });
                for (var step = 0; step < 3; step++)
                {
                    optimizer.zero_grad();
                    using (var loss = (weight - target).square().sum()) loss.backward();
                    optimizer.step();
                }
                return weight.data<float>().ToArray();
            }
            finally
            {
                torch.set_num_threads(before);
            }
        }

        Run(2).Should().Equal(Run(1));
    }

    [Fact]
    public void Bayesian_initialisation_perturbs_weights_relative_to_their_spread()
    {
        using var model = LinearTask.Model(seed: 1);
        var before = LinearTask.Snapshot(model);
        using var optimizer = Enhanced(model, seed: 3, hyperParameters: new() { ["bayesian_init_sigma"] = "0.1" });
        var after = LinearTask.Snapshot(model);
        for (var i = 0; i < before.Length; i++)
        {
            var change = (after[i] - before[i]).std().item<float>();
            var expected = 0.1 * before[i].std().item<float>();
            change.Should().BeApproximately((float)expected, (float)(0.35 * expected));
        }
        optimizer.LrScale.Should().NotBe(1, "the controller's scales are drawn too");
    }

    [Fact]
    public void The_controller_needs_the_batch_loss()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = Enhanced(model, seed: 3, hyperParameters: new() { ["interval"] = "2" });
        var act = () =>
        {
            for (var step = 0; step < 3; step++)
            {
                optimizer.zero_grad();
                var (input, target) = LinearTask.Batch(step);
                using var loss = torch.nn.functional.cross_entropy(model.forward(input), target);
                loss.backward();
                optimizer.step();
            }
        };
        act.Should().Throw<InvalidOperationException>().WithMessage("*needs the batch loss*");
    }
}
