namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>What the controller did at one decision.</summary>
/// <param name="State">The state observed now.</param>
/// <param name="Action">The action taken in it.</param>
/// <param name="Reward">Reward credited to the previous decision (null at the first one).</param>
/// <param name="Epsilon">The exploration rate this decision used.</param>
/// <param name="Explored">Whether any factor's action was drawn at random.</param>
public sealed record ControllerDecision(int State, ControllerAction Action, double? Reward, double Epsilon, bool Explored);
