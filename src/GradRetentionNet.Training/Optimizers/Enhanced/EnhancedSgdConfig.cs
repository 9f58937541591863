using GradRetentionNet.Training.Optimizers.Control;

namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>
/// Everything about EnhancedSGD that is global to the optimizer rather than per parameter group:
/// statistics, the variance lr factor, the controller, clipping, noise and initialisation.
/// Profiles are presets of this record; every field can be changed on top of one.
/// </summary>
public sealed record EnhancedSgdConfig
{
    /// <summary>EMA factor β of the gradient variance σ².</summary>
    public double VarianceBeta { get; init; } = 0.9;

    /// <summary>Divide the variance EMA by 1 − βᵗ so the first steps are not biased towards 0.</summary>
    public bool VarianceBiasCorrection { get; init; } = true;

    /// <summary>Legacy only: when σ² &gt; 0.9 it is replaced by 0.1·σ² (the original's "stabilisation").</summary>
    public bool LegacyVarianceStabilisation { get; init; }

    /// <summary>EMA factor β_L of the batch loss (bias-corrected).</summary>
    public double LossBeta { get; init; } = 0.9;

    /// <summary>Steps between decisions K: the variance factor and the controller act every K steps.</summary>
    public int DecisionInterval { get; init; } = 10;

    /// <summary>Scale the lr by f_var = clamp(1 − ρ, 1 − m, 1 + m), ρ the relative change of σ² over an interval.</summary>
    public bool VarianceLrFactor { get; init; } = true;

    /// <summary>The margin m of <see cref="VarianceLrFactor"/>.</summary>
    public double VarianceLrMargin { get; init; } = 0.5;

    /// <summary>The Q-learning controller; null switches it (and its loss-spike guard) off.</summary>
    public ControllerOptions? Controller { get; init; } = new();

    /// <summary>Clipping rule.</summary>
    public ClipMode Clipping { get; init; } = ClipMode.ElementWise;

    /// <summary>k in the clip threshold k·σ.</summary>
    public double ClipK { get; init; } = 2;

    /// <summary>Lower bound of the element-wise clip threshold.</summary>
    public double ClipMin { get; init; } = 0.5;

    /// <summary>Upper bound of the element-wise clip threshold.</summary>
    public double ClipMax { get; init; } = 10;

    /// <summary>Legacy only: clip only once σ² &gt; 0 (the original skipped clipping until then).</summary>
    public bool ClipOnlyWhenVariancePositive { get; init; }

    /// <summary>Noise variance scale η: noise ~ N(0, η / (1 + t)^γ). 0 turns noise off.</summary>
    public double NoiseEta { get; init; } = 1e-8;

    /// <summary>Noise annealing exponent γ (0 keeps the noise constant, as the original did).</summary>
    public double NoiseDecay { get; init; } = 0.55;

    /// <summary>Legacy only: subtract each gradient tensor's own mean before clipping.</summary>
    public bool CentreGradients { get; init; }

    /// <summary>σ of the Bayesian weight perturbation θ += N(0, (σ·std θ)²); 0 turns it off.</summary>
    public double BayesianInitSigma { get; init; }

    /// <summary>Seed of every random stream the optimizer uses (controller, noise, initialisation).</summary>
    public long Seed { get; init; }

    /// <summary>Planned number of optimizer steps, for the controller's training-phase feature. 0: unknown (phase stays early).</summary>
    public long PlannedSteps { get; init; }

    /// <summary>Rows of step telemetry kept between drains; the oldest are dropped beyond it.</summary>
    public int TelemetryCapacity { get; init; } = 1 << 16;

    /// <summary>The preset for a profile.</summary>
    public static EnhancedSgdConfig ForProfile(EnhancedSgdProfile profile) => profile switch
    {
        EnhancedSgdProfile.Enhanced => new EnhancedSgdConfig(),
        EnhancedSgdProfile.NoController => new EnhancedSgdConfig { Controller = null },
        EnhancedSgdProfile.NoClip => new EnhancedSgdConfig { Clipping = ClipMode.None },
        EnhancedSgdProfile.NoNoise => new EnhancedSgdConfig { NoiseEta = 0 },
        EnhancedSgdProfile.Bandit => new EnhancedSgdConfig { Controller = new ControllerOptions { Discount = 0 } },
        EnhancedSgdProfile.NoVarFactor => new EnhancedSgdConfig { VarianceLrFactor = false },
        EnhancedSgdProfile.NoSpikeGuard => new EnhancedSgdConfig { Controller = new ControllerOptions { SpikeRule = SpikeRule.Off } },
        EnhancedSgdProfile.Legacy => new EnhancedSgdConfig
        {
            VarianceBeta = 0.9,
            VarianceBiasCorrection = false,
            LegacyVarianceStabilisation = true,
            VarianceLrFactor = false,
            Controller = null,
            Clipping = ClipMode.ElementWise,
            ClipOnlyWhenVariancePositive = true,
            CentreGradients = true,
            NoiseEta = 1e-8, // constant N(0, 1e-4²)
            NoiseDecay = 0,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown EnhancedSGD profile"),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        OptionGuard.Require(VarianceBeta >= 0 && VarianceBeta < 1, "variance_beta", VarianceBeta, "in [0, 1)");
        OptionGuard.Require(LossBeta >= 0 && LossBeta < 1, "loss_beta", LossBeta, "in [0, 1)");
        OptionGuard.Require(DecisionInterval >= 1, "interval", DecisionInterval, ">= 1");
        OptionGuard.Require(VarianceLrMargin >= 0 && VarianceLrMargin < 1, "variance_lr_margin", VarianceLrMargin, "in [0, 1)");
        OptionGuard.Require(ClipK > 0, "clip_k", ClipK, "> 0");
        OptionGuard.Require(ClipMin > 0, "clip_min", ClipMin, "> 0");
        OptionGuard.Require(ClipMax >= ClipMin, "clip_max", ClipMax, $">= clip_min ({ClipMin})");
        OptionGuard.Require(NoiseEta >= 0, "noise_eta", NoiseEta, ">= 0");
        OptionGuard.Require(NoiseDecay >= 0, "noise_decay", NoiseDecay, ">= 0");
        OptionGuard.Require(BayesianInitSigma >= 0, "bayesian_init_sigma", BayesianInitSigma, ">= 0");
        OptionGuard.Require(PlannedSteps >= 0, "planned_steps", PlannedSteps, ">= 0");
        OptionGuard.Require(TelemetryCapacity >= 1, "telemetry_capacity", TelemetryCapacity, ">= 1");
        Controller?.Validate();
    }
}
