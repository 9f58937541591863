namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>
/// The narrow surface a controller steers: three multiplicative scales on top of the optimizer's
/// own learning rate, momentum and gradient. Any optimizer that exposes it can be driven.
/// </summary>
public interface IControllableOptimizer
{
    /// <summary>Multiplier of the base learning rate.</summary>
    double LrScale { get; set; }

    /// <summary>Multiplier of the base momentum.</summary>
    double MomentumScale { get; set; }

    /// <summary>Multiplier applied to every gradient element before clipping.</summary>
    double GradScale { get; set; }

    /// <summary>The momentum the scale multiplies (0 when the optimizer has none).</summary>
    double BaseMomentum { get; }
}
