using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs.Metrics;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>A text classifier fed token ids and an attention mask; cross-entropy, scored by accuracy.</summary>
public sealed class TextClassifierModel(nn.Module network, Func<Tensor, Tensor, Tensor> forward) : ITaskModel
{
    public nn.Module Module => network;

    public Tensor Forward(Batch batch) =>
        forward(batch.Input, batch.AttentionMask ?? throw new ArgumentException("a text batch needs an attention mask"));

    public Tensor Loss(Tensor logits, Batch batch) => nn.functional.cross_entropy(logits, batch.Target);

    public IEvaluation StartEvaluation() => new ClassificationEvaluation();

    public void Dispose() => network.Dispose();
}
