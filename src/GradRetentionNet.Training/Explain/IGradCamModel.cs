using static TorchSharp.torch;

namespace GradRetentionNet.Training.Explain;

/// <summary>A network that can hand out the activations Grad-CAM reads, alongside its logits.</summary>
public interface IGradCamModel
{
    /// <summary>The activations [N, C, h, w] of the layer Grad-CAM explains, and the logits computed from them.</summary>
    (Tensor Activations, Tensor Logits) ForwardWithActivations(Tensor input);
}
