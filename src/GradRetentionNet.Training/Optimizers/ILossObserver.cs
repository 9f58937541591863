using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers;

/// <summary>
/// An optimizer that wants the batch loss. The trainer hands it over before <c>step()</c>; the
/// tensor stays on the device (no synchronisation), and no closure is needed.
/// </summary>
public interface ILossObserver
{
    void ObserveLoss(Tensor batchLoss);
}
