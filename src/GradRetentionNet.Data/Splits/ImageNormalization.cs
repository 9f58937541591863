namespace GradRetentionNet.Data.Splits;

/// <summary>
/// Per-channel normalisation applied when a batch is made: pixel bytes become
/// (byte / 255 − <see cref="Mean"/>[c]) / <see cref="Std"/>[c] in float32.
/// </summary>
/// <param name="Name">Where the constants come from, for results and logs.</param>
/// <param name="Mean">Mean of each channel on the 0–1 scale.</param>
/// <param name="Std">Standard deviation of each channel on the 0–1 scale.</param>
public sealed record ImageNormalization(string Name, float[] Mean, float[] Std)
{
    /// <summary>MNIST's training-set mean and std, as the original project (and most PyTorch examples) use them.</summary>
    public static readonly ImageNormalization Mnist = new("mnist", [0.1307f], [0.3081f]);

    /// <summary>Fashion-MNIST's own training-set statistics (measured: 0.2860, 0.3530); MNIST's would leave it off-centre.</summary>
    public static readonly ImageNormalization FashionMnist = new("fashion-mnist", [0.2860f], [0.3530f]);

    /// <summary>
    /// The original project's CIFAR-10 constants. The std values (0.2023, 0.1994, 0.2010) are the
    /// widely copied ones that are not CIFAR-10's pixel std (about 0.247, 0.243, 0.261); they are kept
    /// so results compare with the original.
    /// </summary>
    public static readonly ImageNormalization Cifar10 = new("cifar10", [0.4914f, 0.4822f, 0.4465f], [0.2023f, 0.1994f, 0.2010f]);

    /// <summary>ImageNet's statistics, which the original's ImageNet-pretrained segmentation backbone expects (used for VOC).</summary>
    public static readonly ImageNormalization ImageNet = new("imagenet", [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Channels the constants are for.</summary>
    public int Channels => Mean.Length;

    /// <summary>Throws unless there is one positive std per mean and <paramref name="channels"/> of each.</summary>
    public ImageNormalization RequireChannels(int channels)
    {
        if (Mean.Length != channels || Std.Length != channels)
            throw new ArgumentException($"normalisation '{Name}' has {Mean.Length} means and {Std.Length} stds for {channels}-channel images");
        if (Std.Any(s => !(s > 0)))
            throw new ArgumentException($"normalisation '{Name}' has a non-positive std");
        return this;
    }
}
