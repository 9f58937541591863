using GradRetentionNet.Data;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>A model bound to its task: how a batch goes through it, its loss, and how its predictions are scored.</summary>
public interface ITaskModel : IDisposable
{
    /// <summary>The network (parameters, train/eval mode, save/load).</summary>
    nn.Module Module { get; }

    /// <summary>Logits for the batch.</summary>
    Tensor Forward(Batch batch);

    /// <summary>Mean loss of the batch (void pixels excluded for segmentation).</summary>
    Tensor Loss(Tensor logits, Batch batch);

    /// <summary>A fresh accumulator for one pass over the test split.</summary>
    IEvaluation StartEvaluation();
}

/// <summary>Accumulates the metrics of a test or validation pass on the device; reads the host once at the end.</summary>
public interface IEvaluation
{
    void Add(Tensor logits, Batch batch, Tensor loss);

    EvaluationResult Finish();
}

/// <summary>The metrics of one test or validation pass.</summary>
public sealed record EvaluationResult(double Loss, double? Accuracy, double? MeanIoU, double? PixelAccuracy)
{
    /// <summary>Accuracy for classification, mIoU for segmentation: the figure a validation split is judged by.</summary>
    public double? PrimaryMetric => Accuracy ?? MeanIoU;
}
