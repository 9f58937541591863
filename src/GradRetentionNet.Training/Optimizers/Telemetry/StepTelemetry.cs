namespace GradRetentionNet.Training.Optimizers.Telemetry;

/// <summary>One optimizer step as the optimizer saw it.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="LearningRate">Effective learning rate of the first parameter group: lr · <paramref name="VarianceLrFactor"/> · <paramref name="LrScale"/>.</param>
/// <param name="Momentum">Effective momentum of the first parameter group.</param>
/// <param name="GradScale">Gradient multiplier applied this step.</param>
/// <param name="GradientMean">Mean of all raw gradient elements.</param>
/// <param name="GradientVariance">Unbiased variance of all raw gradient elements.</param>
/// <param name="SmoothedVariance">σ², the (bias-corrected) EMA of the variance.</param>
/// <param name="ClipFraction">Fraction of gradient elements clipped (global-norm: 1 if the norm was cut).</param>
/// <param name="Loss">Batch loss handed to the optimizer, NaN if none was.</param>
/// <param name="VarianceLrFactor">f_var in force at this step (1 when the variance lr factor is off).</param>
/// <param name="LrScale">The controller's lr scale after this step's spike guard (1 without a controller).</param>
/// <param name="Spike">Whether the loss-spike guard fired at this step (and halved <paramref name="LrScale"/>).</param>
public readonly record struct StepTelemetry(
    long Step,
    double LearningRate,
    double Momentum,
    double GradScale,
    double GradientMean,
    double GradientVariance,
    double SmoothedVariance,
    double ClipFraction,
    double Loss,
    double VarianceLrFactor,
    double LrScale,
    bool Spike);
