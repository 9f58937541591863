using GradRetentionNet.Data.Formats;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// A segmentation split: uint8 images [N, 3, H, W] and uint8 masks [N, H, W] (class ids,
/// 255 = void). Batches carry normalised float32 images and int64 masks with 255 kept, for a
/// loss and metrics that ignore it.
/// </summary>
public sealed class SegmentationSplit : ImageSplitBase
{
    /// <summary>Takes ownership of <paramref name="images"/> (uint8 [N, C, H, W]) and <paramref name="masks"/> (uint8 [N, H, W]).</summary>
    public SegmentationSplit(Tensor images, Tensor masks, ImageNormalization normalization, bool deviceResident = false)
        : base(images, RequireMasks(masks, images), normalization, deviceResident)
    {
    }

    /// <summary>A split of <paramref name="examples"/>, or of the examples <paramref name="subset"/> of it.</summary>
    public static SegmentationSplit From(SegmentationImages examples, ImageNormalization normalization, bool deviceResident = false, long[]? subset = null)
    {
        var size = examples.Size;
        var images = tensor(examples.Pixels, [examples.Count, 3, size, size], dtype: ScalarType.Byte);
        var masks = tensor(examples.Masks, [examples.Count, size, size], dtype: ScalarType.Byte);
        return new SegmentationSplit(SeededSubset.Rows(images, subset), SeededSubset.Rows(masks, subset), normalization, deviceResident);
    }

    /// <summary>The stored masks on the host: uint8 [N, H, W], 255 = void. Owned by the split.</summary>
    public Tensor Masks => Storage.Host(1);

    static Tensor RequireMasks(Tensor masks, Tensor images)
    {
        if (masks.dtype != ScalarType.Byte || masks.dim() != 3
            || masks.shape[1] != images.shape[2] || masks.shape[2] != images.shape[3])
            throw new ArgumentException($"masks must be uint8 [N, H, W] matching images [{string.Join(", ", images.shape)}], not {masks.dtype} [{string.Join(", ", masks.shape)}]", nameof(masks));
        return masks;
    }
}
