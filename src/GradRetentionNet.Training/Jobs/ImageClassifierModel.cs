using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs.Metrics;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>An image classifier (logits [B, classes]) trained with cross-entropy and scored by accuracy.</summary>
public sealed class ImageClassifierModel(nn.Module<Tensor, Tensor> network) : ITaskModel
{
    public nn.Module Module => network;

    public nn.Module<Tensor, Tensor> Network => network;

    public Tensor Forward(Batch batch) => network.forward(batch.Input);

    public Tensor Loss(Tensor logits, Batch batch) => nn.functional.cross_entropy(logits, batch.Target);

    public IEvaluation StartEvaluation() => new ClassificationEvaluation();

    public void Dispose() => network.Dispose();
}
