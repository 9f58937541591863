using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced;
using TorchSharp;
using TorchSharp.Modules;

namespace GradRetentionNet.Training.Tests.Optimizers;

public sealed class OptimizerCatalogTests
{
    [Fact]
    public void Knows_every_optimizer_the_project_compares()
    {
        OptimizerCatalog.Names.Should().BeEquivalentTo(
            "sgd", "adam", "adamw", "rmsprop",
            "enhanced-sgd", "enhanced-sgd-legacy", "enhanced-sgd-no-controller", "enhanced-sgd-no-clip", "enhanced-sgd-no-noise", "enhanced-sgd-bandit",
            "enhanced-sgd-no-var-factor", "enhanced-sgd-no-spike-guard");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("enhanced-sgd")]
    [InlineData("enhanced-sgd-legacy")]
    [InlineData("enhanced-sgd-no-controller")]
    [InlineData("enhanced-sgd-no-clip")]
    [InlineData("enhanced-sgd-no-noise")]
    [InlineData("enhanced-sgd-bandit")]
    [InlineData("enhanced-sgd-no-var-factor")]
    [InlineData("enhanced-sgd-no-spike-guard")]
    public void Every_optimizer_trains(string name)
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = OptimizerCatalog.Create(name, model.parameters(), null, new OptimizerContext(Seed: 1, PlannedSteps: 150));
        var before = LinearTask.Loss(model, -1);
        for (var step = 0; step < 150; step++) LinearTask.Step(model, optimizer, step);
        LinearTask.Loss(model, -1).Should().BeLessThan(0.75 * before);
    }

    [Fact]
    public void Baselines_get_PyTorchs_defaults_not_TorchSharps()
    {
        using var model = LinearTask.Model(seed: 1);
        using var rmsprop = (RMSProp)OptimizerCatalog.Create("rmsprop", model.parameters(), null, new OptimizerContext(1));
        rmsprop.ParamGroups.Single().LearningRate.Should().Be(1e-3, "TorchSharp's factory would use 0.01");
        using var adamw = (AdamW)OptimizerCatalog.Create("adamw", model.parameters(), null, new OptimizerContext(1));
        var adamwOptions = (AdamW.Options)((AdamW.ParamGroup)adamw.ParamGroups.Single()).Options;
        adamwOptions.weight_decay.Should().Be(0.01, "PyTorch's AdamW default; TorchSharp's is 0");
        adamwOptions.beta2.Should().Be(0.999);
        adamwOptions.eps.Should().Be(1e-8);
    }

    [Fact]
    public void Resolved_values_record_every_hyperparameter_with_defaults_filled_in()
    {
        var values = OptimizerCatalog.Resolve("adam", new Dictionary<string, string> { ["lr"] = "3e-4" });
        values.Values.Should().Contain(new Dictionary<string, string>
        {
            ["lr"] = "0.0003", ["beta1"] = "0.9", ["beta2"] = "0.999", ["eps"] = "1E-08", ["weight_decay"] = "0", ["amsgrad"] = "false",
        });
    }

    [Fact]
    public void Overrides_reach_the_optimizer()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd", model.parameters(),
            new Dictionary<string, string> { ["interval"] = "4", ["clip"] = "global-norm", ["controller_gamma"] = "0.5", ["lr"] = "0.02" },
            new OptimizerContext(Seed: 9, PlannedSteps: 77));
        optimizer.Config.DecisionInterval.Should().Be(4);
        optimizer.Config.Clipping.Should().Be(ClipMode.GlobalNorm);
        optimizer.Config.Controller!.Discount.Should().Be(0.5);
        optimizer.Config.Seed.Should().Be(9);
        optimizer.Config.PlannedSteps.Should().Be(77);
        optimizer.ParamGroups.Single().LearningRate.Should().Be(0.02);
    }

    [Fact]
    public void The_spike_guard_options_resolve_with_their_defaults_and_reach_the_optimizer()
    {
        OptimizerCatalog.Resolve("enhanced-sgd", null).Values.Should().Contain(new Dictionary<string, string>
        {
            ["spike_rule"] = "deviation", ["spike_k"] = "4", ["spike_threshold"] = "1.5",
        });
        OptimizerCatalog.Resolve("enhanced-sgd", new Dictionary<string, string> { ["spike_rule"] = " RATIO " }).Values["spike_rule"].Should().Be("ratio");
        OptimizerCatalog.Resolve("enhanced-sgd-no-spike-guard", null).Values.Keys.Should().NotContain(["spike_rule", "spike_k", "spike_threshold"]);
        OptimizerCatalog.Resolve("enhanced-sgd-no-var-factor", null).Values.Keys.Should().Contain("spike_rule").And.NotContain("variance_lr_margin");

        using var model = LinearTask.Model(seed: 1);
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd", model.parameters(),
            new Dictionary<string, string> { ["spike_rule"] = "ratio", ["spike_k"] = "2.5", ["spike_threshold"] = "3" }, new OptimizerContext(1));
        optimizer.Config.Controller!.SpikeRule.Should().Be(SpikeRule.Ratio);
        optimizer.Config.Controller.SpikeK.Should().Be(2.5);
        optimizer.Config.Controller.SpikeThreshold.Should().Be(3);
    }

    [Fact]
    public void The_spike_guard_options_are_validated_outside_the_catalogue_too()
    {
        var badK = () => new ControllerOptions { SpikeK = 0 }.Validate();
        badK.Should().Throw<ArgumentException>().WithMessage("invalid spike_k = 0: must be > 0");
        var badRule = () => new ControllerOptions { SpikeRule = (SpikeRule)7 }.Validate();
        badRule.Should().Throw<ArgumentException>().WithMessage("invalid spike_rule = 7: must be deviation, ratio or off");
    }

    [Fact]
    public void The_ablations_switch_off_one_part_each()
    {
        using var model = LinearTask.Model(seed: 1);
        using var noVarFactor = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd-no-var-factor", model.parameters(), null, new OptimizerContext(1));
        noVarFactor.Config.Should().Be(EnhancedSgdConfig.ForProfile(EnhancedSgdProfile.Enhanced) with { VarianceLrFactor = false, Seed = 1 });
        using var noSpikeGuard = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd-no-spike-guard", model.parameters(), null, new OptimizerContext(1));
        noSpikeGuard.Config.Should().Be(EnhancedSgdConfig.ForProfile(EnhancedSgdProfile.Enhanced) with
        {
            Controller = new ControllerOptions { SpikeRule = SpikeRule.Off },
            Seed = 1,
        });
    }

    [Fact]
    public void The_bandit_profile_is_the_controller_with_gamma_zero()
    {
        using var model = LinearTask.Model(seed: 1);
        using var optimizer = (EnhancedSGD)OptimizerCatalog.Create("enhanced-sgd-bandit", model.parameters(), null, new OptimizerContext(1));
        optimizer.Config.Controller!.Discount.Should().Be(0);
        optimizer.Config.Clipping.Should().Be(ClipMode.ElementWise);
    }

    [Theory]
    [InlineData("adamax", null, null, "unknown optimizer 'adamax': use one of sgd, adam, adamw, rmsprop, enhanced-sgd, *")]
    [InlineData("sgd", "lr", "0", "optimizer 'sgd': lr = 0 is out of range: must be > 0")]
    [InlineData("sgd", "lr", "-0.1", "optimizer 'sgd': lr = -0.1 is out of range: must be > 0")]
    [InlineData("sgd", "momentum", "1", "optimizer 'sgd': momentum = 1 is out of range: must be in [0, 1)")]
    [InlineData("sgd", "momentum", "-0.5", "optimizer 'sgd': momentum = -0.5 is out of range: must be in [0, 1)")]
    [InlineData("sgd", "lr", "fast", "optimizer 'sgd': lr must be a number, got 'fast'")]
    [InlineData("adam", "momentum", "0.9", "optimizer 'adam' has no hyperparameter 'momentum': it takes lr, beta1, beta2, eps, weight_decay, amsgrad")]
    [InlineData("adam", "beta2", "1.0", "optimizer 'adam': beta2 = 1.0 is out of range: must be in [0, 1)")]
    [InlineData("adam", "amsgrad", "maybe", "optimizer 'adam': amsgrad must be true or false, got 'maybe'")]
    [InlineData("enhanced-sgd", "clip", "hard", "optimizer 'enhanced-sgd': clip = 'hard' is not allowed: use one of none, element-wise, global-norm")]
    [InlineData("enhanced-sgd", "clip_min", "20", "optimizer 'enhanced-sgd': invalid clip_max = 10: must be >= clip_min (20)")]
    [InlineData("enhanced-sgd", "interval", "2.5", "optimizer 'enhanced-sgd': interval = 2.5 is out of range: must be a whole number >= 1")]
    [InlineData("enhanced-sgd", "spike_threshold", "1", "optimizer 'enhanced-sgd': spike_threshold = 1 is out of range: must be > 1")]
    [InlineData("enhanced-sgd", "spike_threshold", "x", "optimizer 'enhanced-sgd': spike_threshold must be a number, got 'x'")]
    [InlineData("enhanced-sgd", "spike_k", "0", "optimizer 'enhanced-sgd': spike_k = 0 is out of range: must be > 0")]
    [InlineData("enhanced-sgd", "spike_k", "-2", "optimizer 'enhanced-sgd': spike_k = -2 is out of range: must be > 0")]
    [InlineData("enhanced-sgd", "spike_k", "four", "optimizer 'enhanced-sgd': spike_k must be a number, got 'four'")]
    [InlineData("enhanced-sgd", "spike_k", "Infinity", "optimizer 'enhanced-sgd': spike_k must be a number, got 'Infinity'")]
    [InlineData("enhanced-sgd", "spike_rule", "sometimes", "optimizer 'enhanced-sgd': spike_rule = 'sometimes' is not allowed: use one of deviation, ratio, off")]
    [InlineData("enhanced-sgd", "spike_rule", "", "optimizer 'enhanced-sgd': spike_rule = '' is not allowed: use one of deviation, ratio, off")]
    [InlineData("enhanced-sgd", "spike_rule", "Ratio", null)]
    [InlineData("enhanced-sgd-bandit", "spike_k", "2", null)]
    [InlineData("enhanced-sgd-no-spike-guard", "spike_rule", "deviation", "optimizer 'enhanced-sgd-no-spike-guard' has no hyperparameter 'spike_rule': *")]
    [InlineData("enhanced-sgd-no-spike-guard", "spike_k", "4", "optimizer 'enhanced-sgd-no-spike-guard' has no hyperparameter 'spike_k': *")]
    [InlineData("enhanced-sgd-no-spike-guard", "epsilon", "0.1", null)]
    [InlineData("enhanced-sgd-no-var-factor", "variance_lr_margin", "0.2", "optimizer 'enhanced-sgd-no-var-factor' has no hyperparameter 'variance_lr_margin': *")]
    [InlineData("enhanced-sgd-no-controller", "spike_rule", "ratio", "optimizer 'enhanced-sgd-no-controller' has no hyperparameter 'spike_rule': *")]
    [InlineData("enhanced-sgd-no-controller", "epsilon", "0.1", "optimizer 'enhanced-sgd-no-controller' has no hyperparameter 'epsilon': *")]
    [InlineData("enhanced-sgd", "nesterov", "true", null)]
    public void Bad_names_and_values_get_a_one_line_error_naming_the_option(string name, string? key, string? value, string? message)
    {
        var overrides = key is null ? null : new Dictionary<string, string> { [key] = value! };
        var resolve = () => OptimizerCatalog.Resolve(name, overrides);
        if (message is null)
        {
            resolve.Should().NotThrow();
            return;
        }
        resolve.Should().Throw<ArgumentException>().WithMessage(message).Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void Nesterov_without_momentum_is_refused()
    {
        var resolve = () => OptimizerCatalog.Resolve("enhanced-sgd", new Dictionary<string, string> { ["nesterov"] = "true", ["momentum"] = "0" });
        resolve.Should().Throw<ArgumentException>().WithMessage("optimizer 'enhanced-sgd': nesterov = true needs momentum > 0");
    }

    [Fact]
    public void The_optimizer_constructor_validates_too()
    {
        using var model = LinearTask.Model(seed: 1);
        var create = () => new EnhancedSGD([new EnhancedSGD.ParamGroup(model.parameters())], lr: -1);
        create.Should().Throw<ArgumentException>().WithMessage("invalid lr = -1: must be > 0");
    }
}
