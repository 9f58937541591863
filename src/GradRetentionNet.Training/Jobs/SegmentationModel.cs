using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs.Metrics;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>A per-pixel classifier (logits [B, classes, H, W]); void pixels (255) count in neither loss nor metrics.</summary>
public sealed class SegmentationModel(nn.Module<Tensor, Tensor> network, int classes) : ITaskModel
{
    public nn.Module Module => network;

    public nn.Module<Tensor, Tensor> Network => network;

    public Tensor Forward(Batch batch) => network.forward(batch.Input);

    public Tensor Loss(Tensor logits, Batch batch) =>
        nn.functional.cross_entropy(logits, batch.Target, ignore_index: SegmentationEvaluation.Void);

    public IEvaluation StartEvaluation() => new SegmentationEvaluation(classes);

    public void Dispose() => network.Dispose();
}
