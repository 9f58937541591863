namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>
/// One factorised action: for each of lr, momentum and gradient scale an index into
/// <see cref="Multipliers"/> (×0.9, ×1, ×1.1).
/// </summary>
public readonly record struct ControllerAction(int Lr, int Momentum, int Grad)
{
    public static readonly double[] Multipliers = [0.9, 1.0, 1.1];
    public const int Keep = 1;
    public const int Choices = 3;

    public double LrMultiplier => Multipliers[Lr];
    public double MomentumMultiplier => Multipliers[Momentum];
    public double GradMultiplier => Multipliers[Grad];

    public int this[ControlledFactor factor] => factor switch
    {
        ControlledFactor.Lr => Lr,
        ControlledFactor.Momentum => Momentum,
        _ => Grad,
    };
}

/// <summary>The three quantities the controller scales, each with its own Q-table.</summary>
public enum ControlledFactor
{
    Lr = 0,
    Momentum = 1,
    Grad = 2,
}
