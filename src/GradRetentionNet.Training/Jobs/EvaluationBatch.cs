using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// How many examples one forward pass of the test or validation pass takes. The spec's test batch
/// size (1,000 in the original's setup) stays the unit on a GPU; on the CPU the pass runs in pieces
/// of at most <see cref="CpuLimit"/>, because a forward of 1,000 SimpleCNN images makes activations
/// of about 100 MB each, above glibc's largest mmap threshold (32 MiB), so every pass maps and
/// page-faults them afresh: measured on 2,000 digits, a 1,000-image test pass took 1.1 s and the
/// same images in batches of 250 took 0.25 s. Metrics do not change: evaluation runs in eval mode
/// without gradients, and losses are summed per example.
/// </summary>
internal static class EvaluationBatch
{
    /// <summary>
    /// Keeps one SimpleCNN activation under the mmap threshold for CIFAR-sized images too
    /// (128 × 32 × 32 × 32 floats = 16 MiB).
    /// </summary>
    public const int CpuLimit = 128;

    public static int Size(int testBatchSize, Device device) =>
        device.type == DeviceType.CPU ? Math.Min(testBatchSize, CpuLimit) : testBatchSize;
}
