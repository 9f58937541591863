namespace GradRetentionNet.Observability;

/// <summary>The latest values of a running job; null where none has been read yet.</summary>
public sealed record JobReadings(
    double? Epoch = null,
    double? Progress = null,
    double? TrainLoss = null,
    double? TestMetric = null,
    double? GradientMean = null,
    double? GradientVariance = null,
    double? LearningRate = null,
    double? Momentum = null,
    double? Epsilon = null);

/// <summary>What the trainer knows after a batch of steps: the last step's values.</summary>
/// <param name="Epsilon">EnhancedSGD's exploration rate at its latest decision; null for other optimizers.</param>
public sealed record StepReading(double Loss, double GradientMean, double GradientVariance, double LearningRate, double Momentum, double? Epsilon);
