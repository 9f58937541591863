using GradRetentionNet.Training.Optimizers.Control;

namespace GradRetentionNet.Training.Optimizers.Telemetry;

/// <summary>One decision point (every K steps): the interval's trends and what was done about them.</summary>
/// <param name="Step">Steps taken when the decision was made.</param>
/// <param name="LossTrend">Relative change of the loss EMA over the interval.</param>
/// <param name="VarianceTrend">ρ, the relative change of σ² over the interval.</param>
/// <param name="VarianceLrFactor">f_var now in force.</param>
/// <param name="SpikeSeen">Whether the loss-spike guard fired in the interval.</param>
/// <param name="Controller">The controller's decision, null when it is off.</param>
/// <param name="LrScale">Learning-rate scale after the decision.</param>
/// <param name="MomentumScale">Momentum scale after the decision.</param>
/// <param name="GradScale">Gradient scale after the decision.</param>
/// <param name="Loss">L, the bias-corrected loss EMA, at the decision (0 before any loss was observed).</param>
/// <param name="LossDeviation">D, the bias-corrected EMA of |loss − L| that the deviation spike rule uses (0 when that rule is not in force).</param>
public sealed record DecisionTelemetry(
    long Step,
    double LossTrend,
    double VarianceTrend,
    double VarianceLrFactor,
    bool SpikeSeen,
    ControllerDecision? Controller,
    double LrScale,
    double MomentumScale,
    double GradScale,
    double Loss,
    double LossDeviation);
