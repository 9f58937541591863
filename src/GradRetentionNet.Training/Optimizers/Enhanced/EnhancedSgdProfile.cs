namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>The named variants of EnhancedSGD. See <see cref="EnhancedSgdConfig.ForProfile"/>.</summary>
public enum EnhancedSgdProfile
{
    /// <summary>The full design: statistics, variance lr factor, Q-learning controller, clipping, annealed noise.</summary>
    Enhanced,

    /// <summary>What the original Python code really executed (centring, element-wise clip, constant noise).</summary>
    Legacy,

    /// <summary><see cref="Enhanced"/> with the controller off: the scales stay fixed.</summary>
    NoController,

    /// <summary><see cref="Enhanced"/> without clipping.</summary>
    NoClip,

    /// <summary><see cref="Enhanced"/> without noise injection.</summary>
    NoNoise,

    /// <summary><see cref="Enhanced"/> with a myopic controller (γ = 0): a contextual bandit.</summary>
    Bandit,

    /// <summary><see cref="Enhanced"/> without the variance lr factor: f_var ≡ 1.</summary>
    NoVarFactor,

    /// <summary><see cref="Enhanced"/> with the controller on and its loss-spike guard off: the guard never fires.</summary>
    NoSpikeGuard,
}
