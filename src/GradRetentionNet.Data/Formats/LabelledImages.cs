namespace GradRetentionNet.Data.Formats;

/// <summary>
/// Images and their class labels as read from a file: <see cref="Pixels"/> holds
/// <see cref="Count"/> images of <see cref="Channels"/>×<see cref="Height"/>×<see cref="Width"/>
/// bytes each, channel-major (C, H, W), the layout of both MNIST IDX and CIFAR binary files.
/// </summary>
public sealed record LabelledImages(byte[] Pixels, byte[] Labels, int Channels, int Height, int Width)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Bytes in one image.</summary>
    public int ImageBytes => Channels * Height * Width;

    /// <summary>Throws unless the pixel buffer holds exactly one image per label.</summary>
    public LabelledImages Validated()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
            throw new ArgumentException($"image shape {Channels}x{Height}x{Width} must be positive");
        if ((long)Count * ImageBytes != Pixels.Length)
            throw new ArgumentException($"{Pixels.Length} pixel bytes do not hold {Count} images of {ImageBytes} bytes");
        return this;
    }
}
