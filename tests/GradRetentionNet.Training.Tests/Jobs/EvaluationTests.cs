using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Jobs;

public sealed class EvaluationTests
{
    // One-hot logits that predict the given class per pixel.
    static Tensor Predicting(long[,] classes, int classCount)
    {
        var (height, width) = (classes.GetLength(0), classes.GetLength(1));
        var flat = new long[height * width];
        Buffer.BlockCopy(classes, 0, flat, 0, flat.Length * sizeof(long));
        return nn.functional.one_hot(torch.tensor(flat).reshape(1, height, width), classCount).permute(0, 3, 1, 2).to(ScalarType.Float32);
    }

    static Batch Truth(long[,] classes)
    {
        var flat = new long[classes.Length];
        Buffer.BlockCopy(classes, 0, flat, 0, flat.Length * sizeof(long));
        return new Batch(torch.zeros(1, 3, classes.GetLength(0), classes.GetLength(1)), torch.tensor(flat).reshape(1, classes.GetLength(0), classes.GetLength(1)));
    }

    [Fact]
    public void Mean_IoU_and_pixel_accuracy_match_a_hand_count_and_ignore_void()
    {
        using var scope = torch.NewDisposeScope();
        var truth = new long[,] { { 0, 0, 1, 1 }, { 0, 2, 2, 255 } };
        var predicted = new long[,] { { 0, 1, 1, 1 }, { 0, 2, 1, 0 } };
        using var evaluation = new SegmentationEvaluation(classes: 3);
        evaluation.Add(Predicting(predicted, 3), Truth(truth), torch.tensor(0.5));
        var result = evaluation.Finish();

        // Valid pixels: 7 (the void one is ignored whatever is predicted there); correct: 5.
        // IoU class 0: TP 2, FP 0, FN 1 → 2/3. Class 1: TP 2, FP 2, FN 0 → 2/4. Class 2: TP 1, FN 1 → 1/2.
        result.PixelAccuracy.Should().BeApproximately(5.0 / 7, 1e-12);
        result.MeanIoU.Should().BeApproximately((2.0 / 3 + 0.5 + 0.5) / 3, 1e-12);
        result.Loss.Should().Be(0.5);
    }

    [Fact]
    public void Classes_absent_from_truth_and_prediction_do_not_count()
    {
        using var scope = torch.NewDisposeScope();
        var both = new long[,] { { 0, 1 }, { 1, 0 } };
        using var evaluation = new SegmentationEvaluation(classes: 21);
        evaluation.Add(Predicting(both, 21), Truth(both), torch.tensor(0.1));
        evaluation.Finish().MeanIoU.Should().Be(1.0);
    }

    [Fact]
    public void Accuracy_counts_correct_predictions_over_all_batches()
    {
        using var scope = torch.NewDisposeScope();
        using var evaluation = new ClassificationEvaluation();
        evaluation.Add(torch.tensor(new float[,] { { 2, 1 }, { 0, 3 }, { 5, 1 } }), new Batch(torch.zeros(3, 1), torch.tensor(new long[] { 0, 1, 1 })), torch.tensor(0.3f));
        evaluation.Add(torch.tensor(new float[,] { { 1, 2 } }), new Batch(torch.zeros(1, 1), torch.tensor(new long[] { 1 })), torch.tensor(0.7f));
        var result = evaluation.Finish();
        result.Accuracy.Should().Be(0.75);
        result.Loss.Should().BeApproximately((0.3 * 3 + 0.7) / 4, 1e-6);
    }
}
