namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Segmentation examples resized to <see cref="Size"/>×<see cref="Size"/>: <see cref="Pixels"/>
/// holds RGB images channel-major (3, S, S) one after another, <see cref="Masks"/> one class id
/// per pixel (S, S) with 255 = void, <see cref="Ids"/> the image names in the same order.
/// </summary>
public sealed record SegmentationImages(byte[] Pixels, byte[] Masks, IReadOnlyList<string> Ids, int Size)
{
    /// <summary>Number of examples.</summary>
    public int Count => Ids.Count;
}
