using GradRetentionNet.Training.Optimizers.Control;
using GradRetentionNet.Training.Optimizers.Enhanced;
using static GradRetentionNet.Training.Optimizers.Catalog.HyperParameter;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>
/// The EnhancedSGD family. Each profile exposes the design values that mean something for it,
/// with the profile's preset as defaults, and maps them onto an <see cref="EnhancedSgdConfig"/>.
/// </summary>
internal static class EnhancedSgdRecipes
{
    /// <summary>A hyperparameter and how it changes the config.</summary>
    sealed record Knob(HyperParameter Parameter, Func<EnhancedSgdConfig, HyperParameterValues, EnhancedSgdConfig> Apply);

    static readonly string[] ClipModes = ["none", "element-wise", "global-norm"];

    // In SpikeRule's order.
    static readonly string[] SpikeRules = ["deviation", "ratio", "off"];

    public static IEnumerable<OptimizerRecipe> All()
    {
        yield return Recipe("enhanced-sgd", EnhancedSgdProfile.Enhanced,
            "EnhancedSGD: Q-learning control of lr/momentum/grad scale, variance lr factor, adaptive clipping, annealed noise");
        yield return Recipe("enhanced-sgd-legacy", EnhancedSgdProfile.Legacy,
            "what the original Python EnhancedSGD executed: centring, element-wise variance clip, constant N(0, 1e-4²) noise");
        yield return Recipe("enhanced-sgd-no-controller", EnhancedSgdProfile.NoController, "EnhancedSGD ablation: controller off");
        yield return Recipe("enhanced-sgd-no-clip", EnhancedSgdProfile.NoClip, "EnhancedSGD ablation: clipping off");
        yield return Recipe("enhanced-sgd-no-noise", EnhancedSgdProfile.NoNoise, "EnhancedSGD ablation: noise off");
        yield return Recipe("enhanced-sgd-bandit", EnhancedSgdProfile.Bandit, "EnhancedSGD ablation: myopic controller (gamma = 0)");
        yield return Recipe("enhanced-sgd-no-var-factor", EnhancedSgdProfile.NoVarFactor, "EnhancedSGD ablation: variance lr factor off (f_var = 1)");
        yield return Recipe("enhanced-sgd-no-spike-guard", EnhancedSgdProfile.NoSpikeGuard, "EnhancedSGD ablation: controller on, loss-spike guard off");
    }

    static OptimizerRecipe Recipe(string name, EnhancedSgdProfile profile, string description)
    {
        var preset = EnhancedSgdConfig.ForProfile(profile);
        var knobs = Knobs(preset, profile).ToList();
        return new OptimizerRecipe(
            name, description, knobs.Select(k => k.Parameter).ToList(),
            (parameters, h, context) => new EnhancedSGD(
                [new EnhancedSGD.ParamGroup(parameters)],
                h.Number("lr"), h.Number("momentum"),
                h.Values.ContainsKey("weight_decay") ? h.Number("weight_decay") : 0,
                h.Values.ContainsKey("nesterov") && h.Flag("nesterov"),
                Configure(preset, knobs, h, context)),
            h =>
            {
                Configure(preset, knobs, h, new OptimizerContext(0)).Validate();
                if (h.Values.ContainsKey("nesterov") && h.Flag("nesterov") && h.Number("momentum") <= 0)
                    throw new ArgumentException("nesterov = true needs momentum > 0");
            });
    }

    static EnhancedSgdConfig Configure(EnhancedSgdConfig preset, IEnumerable<Knob> knobs, HyperParameterValues values, OptimizerContext context) =>
        knobs.Aggregate(preset with { Seed = context.Seed, PlannedSteps = context.PlannedSteps }, (config, knob) => knob.Apply(config, values));

    static IEnumerable<Knob> Knobs(EnhancedSgdConfig preset, EnhancedSgdProfile profile)
    {
        // lr, momentum, weight decay and Nesterov are read by the factory directly.
        yield return new Knob(BaselineRecipes.LearningRate(0.01), (c, _) => c);
        yield return new Knob(Number("momentum", 0.9, "base heavy-ball momentum", v => v >= 0 && v < 1, "in [0, 1)"), (c, _) => c);

        yield return new Knob(Choice("clip", ClipName(preset.Clipping), "clipping rule", ClipModes),
            (c, h) => c with { Clipping = ParseClip(h.Choice("clip")) });
        yield return Num("clip_k", preset.ClipK, "k in the clip threshold k·sigma", v => v > 0, "> 0", (c, v) => c with { ClipK = v });
        yield return Num("clip_min", preset.ClipMin, "lower bound of the element-wise threshold", v => v > 0, "> 0", (c, v) => c with { ClipMin = v });
        yield return Num("clip_max", preset.ClipMax, "upper bound of the element-wise threshold", v => v > 0, "> 0", (c, v) => c with { ClipMax = v });
        yield return Num("noise_eta", preset.NoiseEta, "noise variance scale (0: off)", v => v >= 0, ">= 0", (c, v) => c with { NoiseEta = v });

        if (profile == EnhancedSgdProfile.Legacy)
        {
            yield return new Knob(Flag("centre", preset.CentreGradients, "subtract each gradient tensor's mean"),
                (c, h) => c with { CentreGradients = h.Flag("centre") });
            yield break;
        }

        yield return new Knob(BaselineRecipes.WeightDecay(0, "coupled L2 weight decay"), (c, _) => c);
        yield return new Knob(Flag("nesterov", false, "Nesterov momentum"), (c, _) => c);
        yield return Num("noise_decay", preset.NoiseDecay, "noise annealing exponent", v => v >= 0, ">= 0", (c, v) => c with { NoiseDecay = v });
        yield return Num("variance_beta", preset.VarianceBeta, "EMA factor of the gradient variance", v => v >= 0 && v < 1, "in [0, 1)",
            (c, v) => c with { VarianceBeta = v });
        yield return Num("loss_beta", preset.LossBeta, "EMA factor of the loss", v => v >= 0 && v < 1, "in [0, 1)", (c, v) => c with { LossBeta = v });
        yield return Num("interval", preset.DecisionInterval, "steps between decisions K (the spike guard is armed after the first K)", v => v >= 1 && v == Math.Floor(v), "a whole number >= 1",
            (c, v) => c with { DecisionInterval = (int)v });
        if (preset.VarianceLrFactor)
        {
            yield return Num("variance_lr_margin", preset.VarianceLrMargin, "margin m of the variance lr factor (0: off)", v => v >= 0 && v < 1, "in [0, 1)",
                (c, v) => c with { VarianceLrMargin = v });
        }
        yield return Num("bayesian_init_sigma", preset.BayesianInitSigma, "relative std of the initial weight perturbation (0: off)", v => v >= 0, ">= 0",
            (c, v) => c with { BayesianInitSigma = v });

        if (preset.Controller is not { } controller) yield break;
        yield return ControllerKnob("controller_alpha", controller.LearningRate, "Q-learning step size", v => v > 0 && v <= 1, "in (0, 1]",
            (o, v) => o with { LearningRate = v });
        yield return ControllerKnob("controller_gamma", controller.Discount, "Q-learning discount (0: bandit)", v => v >= 0 && v < 1, "in [0, 1)",
            (o, v) => o with { Discount = v });
        yield return ControllerKnob("controller_lambda", controller.VariancePenalty, "reward penalty on |rho|", v => v >= 0, ">= 0",
            (o, v) => o with { VariancePenalty = v });
        yield return ControllerKnob("epsilon", controller.InitialEpsilon, "initial exploration rate", v => v >= 0 && v <= 1, "in [0, 1]",
            (o, v) => o with { InitialEpsilon = v });
        yield return ControllerKnob("epsilon_decay", controller.EpsilonDecay, "exploration decay per decision", v => v > 0 && v <= 1, "in (0, 1]",
            (o, v) => o with { EpsilonDecay = v });
        yield return ControllerKnob("epsilon_min", controller.MinEpsilon, "exploration floor", v => v >= 0 && v <= 1, "in [0, 1]",
            (o, v) => o with { MinEpsilon = v });
        // The no-spike-guard ablation takes none of the guard's options: it is the design without it.
        if (controller.SpikeRule == SpikeRule.Off) yield break;
        yield return new Knob(Choice("spike_rule", SpikeRules[(int)controller.SpikeRule],
                "when the loss-spike guard halves the lr scale: deviation (loss > L + spike_k·D), ratio (loss > spike_threshold·L), off", SpikeRules),
            (c, h) => c with { Controller = c.Controller! with { SpikeRule = (SpikeRule)Array.IndexOf(SpikeRules, h.Choice("spike_rule")) } });
        yield return ControllerKnob("spike_k", controller.SpikeK, "deviation rule: k in loss > L + k·D, D the EMA of |loss - L|", v => v > 0, "> 0",
            (o, v) => o with { SpikeK = v });
        yield return ControllerKnob("spike_threshold", controller.SpikeThreshold, "ratio rule: loss / EMA ratio that halves the lr scale", v => v > 1, "> 1",
            (o, v) => o with { SpikeThreshold = v });
    }

    static Knob Num(string name, double @default, string description, Func<double, bool> isValid, string expectation,
        Func<EnhancedSgdConfig, double, EnhancedSgdConfig> apply) =>
        new(Number(name, @default, description, isValid, expectation), (c, h) => apply(c, h.Number(name)));

    static Knob ControllerKnob(string name, double @default, string description, Func<double, bool> isValid, string expectation,
        Func<ControllerOptions, double, ControllerOptions> apply) =>
        Num(name, @default, description, isValid, expectation, (c, v) => c with { Controller = apply(c.Controller!, v) });

    static string ClipName(ClipMode mode) => ClipModes[(int)mode];

    static ClipMode ParseClip(string name) => (ClipMode)Array.IndexOf(ClipModes, name);
}
