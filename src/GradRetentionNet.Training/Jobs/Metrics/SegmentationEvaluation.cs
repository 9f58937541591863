using GradRetentionNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs.Metrics;

/// <summary>
/// Mean IoU and pixel accuracy from a confusion matrix accumulated on the device. Void pixels
/// (255) are ignored; classes absent from both truth and prediction do not count in the mean.
/// </summary>
public sealed class SegmentationEvaluation(int classes) : IEvaluation, IDisposable
{
    public const int Void = 255;

    Tensor? confusion;
    Tensor? lossSum;
    long batches;

    public void Add(Tensor logits, Batch batch, Tensor loss)
    {
        using var scope = torch.NewDisposeScope();
        var truth = batch.Target.reshape(-1);
        var predicted = logits.argmax(1).reshape(-1);
        var valid = truth.ne(Void);
        var cells = truth.masked_select(valid) * classes + predicted.masked_select(valid);
        var counts = torch.bincount(cells, minlength: classes * classes).reshape(classes, classes).to(ScalarType.Float64);
        if (confusion is null) confusion = counts.DetachFromDisposeScope();
        else confusion.add_(counts);
        var batchLoss = loss.detach().to(ScalarType.Float64);
        if (lossSum is null) lossSum = batchLoss.DetachFromDisposeScope();
        else lossSum.add_(batchLoss);
        batches++;
    }

    public EvaluationResult Finish()
    {
        if (confusion is null) throw new InvalidOperationException("the split evaluated is empty");
        var matrix = confusion.cpu().data<double>().ToArray();
        double correct = 0, total = 0, iouSum = 0;
        var present = 0;
        for (var c = 0; c < classes; c++)
        {
            double truePositive = matrix[c * classes + c], row = 0, column = 0;
            for (var k = 0; k < classes; k++)
            {
                row += matrix[c * classes + k];
                column += matrix[k * classes + c];
            }
            correct += truePositive;
            total += row;
            var union = row + column - truePositive;
            if (union == 0) continue;
            iouSum += truePositive / union;
            present++;
        }
        var loss = lossSum!.item<double>() / batches;
        return new EvaluationResult(loss, null, present == 0 ? 0 : iouSum / present, total == 0 ? 0 : correct / total);
    }

    public void Dispose()
    {
        confusion?.Dispose();
        lossSum?.Dispose();
    }
}
