using GradRetentionNet.Training.Optimizers.Control;

namespace GradRetentionNet.Training.Tests.Optimizers.Control;

/// <summary>The simplest thing a controller can steer: three numbers.</summary>
internal sealed class ScalesUnderControl(double baseMomentum = 0.9) : IControllableOptimizer
{
    public double LrScale { get; set; } = 1;
    public double MomentumScale { get; set; } = 1;
    public double GradScale { get; set; } = 1;
    public double BaseMomentum { get; } = baseMomentum;
}
