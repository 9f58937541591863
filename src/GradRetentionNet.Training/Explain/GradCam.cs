using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Explain;

/// <summary>
/// Grad-CAM (Selvaraju et al. 2017): weights = spatial mean of the score's gradient with respect
/// to a layer's activations; map = ReLU(Σ weights·activations), upsampled to the input and
/// scaled to [0, 1] per image. Gradients are taken with autograd.grad, so parameter gradients
/// are left alone, and are enabled even when the caller is in no_grad mode.
/// </summary>
public static class GradCam
{
    /// <summary>Maps [N, H, W] for the class each image is predicted as.</summary>
    public static Tensor ForPredictedClass(IGradCamModel model, Tensor images)
    {
        using var grad = torch.enable_grad();
        using var scope = torch.NewDisposeScope();
        var (activations, logits) = model.ForwardWithActivations(images);
        var predicted = logits.argmax(1, keepdim: true);
        var score = logits.gather(1, predicted).sum();
        return Map(activations, score, images).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Maps [N, H, W] for segmentation: the score is the logit of <paramref name="classIndex"/>
    /// summed over the pixels predicted as that class.
    /// </summary>
    public static Tensor ForSegmentedClass(IGradCamModel model, Tensor images, long classIndex)
    {
        using var grad = torch.enable_grad();
        using var scope = torch.NewDisposeScope();
        var (activations, logits) = model.ForwardWithActivations(images);
        var predictedAsClass = logits.argmax(1).eq(classIndex).to(logits.dtype);
        var score = (logits.select(1, classIndex) * predictedAsClass).sum();
        return Map(activations, score, images).MoveToOuterDisposeScope();
    }

    static Tensor Map(Tensor activations, Tensor score, Tensor images)
    {
        var gradient = torch.autograd.grad([score], [activations], allow_unused: true)[0];
        if (gradient is null || gradient.IsInvalid)
            return torch.zeros(images.shape[0], images.shape[^2], images.shape[^1], device: images.device);
        var weights = gradient.mean([2, 3], keepdim: true);
        var map = nn.functional.relu((weights * activations.detach()).sum(1, keepdim: true));
        map = nn.functional.interpolate(map, [images.shape[^2], images.shape[^1]], mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        var peak = map.amax([1, 2], keepdim: true).clamp_min(1e-12);
        return (map / peak).detach();
    }
}
