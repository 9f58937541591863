using GradRetentionNet.Training.Optimizers.Cpu;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers;

/// <summary>
/// Global mean and unbiased variance of a set of gradient tensors, as if concatenated, computed
/// from per-tensor sums and sums of squares: no concatenated copy, and on a GPU no host
/// round-trip (on the CPU the host reads the gradients' memory directly). Results are 0-dim
/// float64 tensors owned by the caller's dispose scope.
/// </summary>
public static class GradientStatistics
{
    /// <summary>Moments of the gradients; all tensors must live on one device.</summary>
    public static GradientMoments Compute(IReadOnlyList<Tensor> gradients)
    {
        if (gradients.Count == 0) throw new ArgumentException("no gradients to summarise", nameof(gradients));
        return gradients.All(TensorMemory.IsHostFloats) ? OnHost(gradients) : OnDevice(gradients);
    }

    /// <summary>On the CPU: one pass per tensor over its memory (float64 sums), the results made tensors once.</summary>
    static GradientMoments OnHost(IReadOnlyList<Tensor> gradients)
    {
        var sums = new double[gradients.Count];
        var squares = new double[gradients.Count];
        long count = 0;
        for (var i = 0; i < gradients.Count; i++)
        {
            (sums[i], squares[i]) = HostMoments.Of(TensorMemory.Floats(gradients[i]));
            count += gradients[i].numel();
        }
        var sum = sums.Sum();
        var sumOfSquares = squares.Sum();
        // Math.Max keeps NaN, as clamp_min does on the device.
        var variance = count > 1 ? Math.Max((sumOfSquares - sum * sum / count) / (count - 1), 0) : 0;
        return new GradientMoments(torch.tensor(sum / count), torch.tensor(variance), torch.tensor(sumOfSquares), count,
            torch.tensor(sums), torch.tensor(squares));
    }

    static GradientMoments OnDevice(IReadOnlyList<Tensor> gradients)
    {
        var sums = new Tensor[gradients.Count];
        var squares = new Tensor[gradients.Count];
        long count = 0;
        for (var i = 0; i < gradients.Count; i++)
        {
            var flat = gradients[i].reshape(-1);
            sums[i] = flat.sum();
            squares[i] = flat.dot(flat);
            count += flat.numel();
        }

        var tensorSums = torch.stack(sums).to(ScalarType.Float64);
        var tensorSquares = torch.stack(squares).to(ScalarType.Float64);
        var sum = tensorSums.sum();
        var sumOfSquares = tensorSquares.sum();
        var mean = sum / count;
        var variance = count > 1
            ? (sumOfSquares - sum * sum / count) / (count - 1)
            : torch.zeros_like(sum);
        return new GradientMoments(mean, variance.clamp_min_(0), sumOfSquares, count, tensorSums, tensorSquares);
    }
}

/// <summary>Device-side moments of a gradient set.</summary>
/// <param name="Mean">Mean of all elements.</param>
/// <param name="Variance">Unbiased variance of all elements (≥ 0).</param>
/// <param name="SumOfSquares">Σg², the squared global L2 norm.</param>
/// <param name="Count">Number of elements.</param>
/// <param name="TensorSums">Σg of each tensor, in input order (float64, shape [tensors]).</param>
/// <param name="TensorSumsOfSquares">Σg² of each tensor, in input order (float64, shape [tensors]).</param>
public readonly record struct GradientMoments(
    Tensor Mean, Tensor Variance, Tensor SumOfSquares, long Count, Tensor TensorSums, Tensor TensorSumsOfSquares);
