using GradRetentionNet.Data.Formats;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Splits;

/// <summary>
/// An image classification split: uint8 images [N, C, H, W] and int64 labels [N]. Batches carry
/// normalised float32 images and int64 labels.
/// </summary>
public sealed class ImageSplit : ImageSplitBase
{
    /// <summary>Takes ownership of <paramref name="images"/> (uint8 [N, C, H, W]) and <paramref name="labels"/> (int64 [N]).</summary>
    public ImageSplit(Tensor images, Tensor labels, ImageNormalization normalization, bool deviceResident = false)
        : base(images, RequireLabels(labels, images), normalization, deviceResident)
    {
    }

    /// <summary>
    /// A split of <paramref name="images"/>, or of the examples <paramref name="subset"/> of it
    /// (see <see cref="SeededSubset"/>).
    /// </summary>
    public static ImageSplit From(LabelledImages images, ImageNormalization normalization, bool deviceResident = false, long[]? subset = null)
    {
        images.Validated();
        var pixels = tensor(images.Pixels, [images.Count, images.Channels, images.Height, images.Width], dtype: ScalarType.Byte);
        var labels = tensor(images.Labels, dtype: ScalarType.Byte).to(ScalarType.Int64);
        return new ImageSplit(SeededSubset.Rows(pixels, subset), SeededSubset.Rows(labels, subset), normalization, deviceResident);
    }

    /// <summary>The stored labels on the host: int64 [N]. Owned by the split.</summary>
    public Tensor Labels => Storage.Host(1);

    static Tensor RequireLabels(Tensor labels, Tensor images)
    {
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1)
            throw new ArgumentException($"labels must be int64 [N], not {labels.dtype} [{string.Join(", ", labels.shape)}]", nameof(labels));
        return labels;
    }
}
