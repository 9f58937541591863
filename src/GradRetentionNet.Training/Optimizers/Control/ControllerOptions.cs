namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>Hyperparameters of the tabular Q-learning controller. Defaults are the design's.</summary>
public sealed record ControllerOptions
{
    /// <summary>Q-learning step size α.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Discount γ; 0 turns the controller into a contextual bandit.</summary>
    public double Discount { get; init; } = 0.9;

    /// <summary>Weight λ of the variance-change penalty in the reward.</summary>
    public double VariancePenalty { get; init; } = 0.1;

    /// <summary>Initial exploration rate ε₀.</summary>
    public double InitialEpsilon { get; init; } = 0.3;

    /// <summary>Per-decision multiplicative decay of ε.</summary>
    public double EpsilonDecay { get; init; } = 0.99;

    /// <summary>Floor of ε.</summary>
    public double MinEpsilon { get; init; } = 0.02;

    /// <summary>Bounds of the learning-rate scale.</summary>
    public double MinLrScale { get; init; } = 0.1;

    /// <inheritdoc cref="MinLrScale"/>
    public double MaxLrScale { get; init; } = 10;

    /// <summary>Bounds of the effective momentum μ·momentum_scale.</summary>
    public double MinMomentum { get; init; } = 0.5;

    /// <inheritdoc cref="MinMomentum"/>
    public double MaxMomentum { get; init; } = 0.99;

    /// <summary>Bounds of the gradient scale.</summary>
    public double MinGradScale { get; init; } = 0.5;

    /// <inheritdoc cref="MinGradScale"/>
    public double MaxGradScale { get; init; } = 2;

    /// <summary>When the loss-spike guard halves the lr scale; armed only after the first K steps.</summary>
    public SpikeRule SpikeRule { get; init; } = SpikeRule.Deviation;

    /// <summary><see cref="SpikeRule.Deviation"/>: a batch loss above L + k_s·D, D the EMA of |loss − L|, is a spike.</summary>
    public double SpikeK { get; init; } = 4;

    /// <summary><see cref="SpikeRule.Ratio"/>: a batch loss above this multiple of the loss EMA is a spike.</summary>
    public double SpikeThreshold { get; init; } = 1.5;

    /// <summary>Standard deviation of the initial scales around 1 when Bayesian initialisation is on.</summary>
    public double InitialScaleSigma { get; init; } = 0.05;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        OptionGuard.Require(LearningRate > 0 && LearningRate <= 1, "controller_alpha", LearningRate, "in (0, 1]");
        OptionGuard.Require(Discount >= 0 && Discount < 1, "controller_gamma", Discount, "in [0, 1)");
        OptionGuard.Require(VariancePenalty >= 0, "controller_lambda", VariancePenalty, ">= 0");
        OptionGuard.Require(InitialEpsilon >= 0 && InitialEpsilon <= 1, "epsilon", InitialEpsilon, "in [0, 1]");
        OptionGuard.Require(EpsilonDecay > 0 && EpsilonDecay <= 1, "epsilon_decay", EpsilonDecay, "in (0, 1]");
        OptionGuard.Require(MinEpsilon >= 0 && MinEpsilon <= 1, "epsilon_min", MinEpsilon, "in [0, 1]");
        OptionGuard.Require(MinLrScale > 0 && MinLrScale <= 1 && MaxLrScale >= 1, "lr_scale bounds", MinLrScale, "0 < min <= 1 <= max");
        OptionGuard.Require(MinMomentum >= 0 && MinMomentum <= MaxMomentum && MaxMomentum < 1, "momentum bounds", MinMomentum, "0 <= min <= max < 1");
        OptionGuard.Require(MinGradScale > 0 && MinGradScale <= 1 && MaxGradScale >= 1, "grad_scale bounds", MinGradScale, "0 < min <= 1 <= max");
        if (!Enum.IsDefined(SpikeRule))
            throw new ArgumentException($"invalid spike_rule = {SpikeRule}: must be deviation, ratio or off");
        OptionGuard.Require(SpikeK > 0, "spike_k", SpikeK, "> 0");
        OptionGuard.Require(SpikeThreshold > 1, "spike_threshold", SpikeThreshold, "> 1");
        OptionGuard.Require(InitialScaleSigma >= 0, "initial_scale_sigma", InitialScaleSigma, ">= 0");
    }
}
