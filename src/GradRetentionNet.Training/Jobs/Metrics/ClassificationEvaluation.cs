using GradRetentionNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs.Metrics;

/// <summary>Mean loss and accuracy over a test or validation pass, summed on the device.</summary>
public sealed class ClassificationEvaluation : IEvaluation, IDisposable
{
    Tensor? lossSum;
    Tensor? correct;
    long examples;

    public void Add(Tensor logits, Batch batch, Tensor loss)
    {
        var batchCorrect = logits.argmax(1).eq(batch.Target).sum();
        var batchLoss = loss.detach() * batch.Size;
        lossSum = Accumulate(lossSum, batchLoss);
        correct = Accumulate(correct, batchCorrect);
        examples += batch.Size;
    }

    public EvaluationResult Finish()
    {
        if (examples == 0) throw new InvalidOperationException("the split evaluated is empty");
        var loss = lossSum!.to(ScalarType.Float64).item<double>() / examples;
        var accuracy = correct!.to(ScalarType.Float64).item<double>() / examples;
        return new EvaluationResult(loss, accuracy, null, null);
    }

    static Tensor Accumulate(Tensor? total, Tensor value)
    {
        if (total is null) return value.to(ScalarType.Float64).DetachFromDisposeScope();
        total.add_(value);
        return total;
    }

    public void Dispose()
    {
        lossSum?.Dispose();
        correct?.Dispose();
    }
}
