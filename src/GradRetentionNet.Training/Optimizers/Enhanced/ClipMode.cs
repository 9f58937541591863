namespace GradRetentionNet.Training.Optimizers.Enhanced;

/// <summary>How EnhancedSGD clips gradients from their smoothed variance σ².</summary>
public enum ClipMode
{
    /// <summary>No clipping.</summary>
    None,

    /// <summary>Each element to ±clamp(k·σ, c_min, c_max): the original project's rule.</summary>
    ElementWise,

    /// <summary>The whole gradient to a global L2 norm of at most k·sqrt(σ²·n).</summary>
    GlobalNorm,
}
