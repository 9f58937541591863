using static TorchSharp.torch;

namespace GradRetentionNet.Data;

/// <summary>
/// One mini-batch on the training device. Image tasks: Input float32 [B, C, H, W], normalised;
/// Target int64 [B]. Segmentation: Target int64 [B, H, W] with 255 = void. Text: Input int64
/// token ids [B, L], AttentionMask int64 [B, L] (1 = token, 0 = padding), Target int64 [B].
/// </summary>
public sealed record Batch(Tensor Input, Tensor Target, Tensor? AttentionMask = null) : IDisposable
{
    /// <summary>Examples in the batch.</summary>
    public long Size => Target.shape[0];

    public void Dispose()
    {
        Input.Dispose();
        Target.Dispose();
        AttentionMask?.Dispose();
    }
}
