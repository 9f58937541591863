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

    /// <summary>The images <paramref name="indices"/>, in that order.</summary>
    public LabelledImages Take(IReadOnlyList<long> indices)
    {
        var pixels = new byte[(long)indices.Count * ImageBytes];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Pixels.AsSpan(checked((int)(indices[i] * ImageBytes)), ImageBytes).CopyTo(pixels.AsSpan(i * ImageBytes));
            labels[i] = Labels[indices[i]];
        }
        return new LabelledImages(pixels, labels, Channels, Height, Width);
    }

    /// <summary>All images of <paramref name="parts"/> in order, as one set (same shape required).</summary>
    public static LabelledImages Concat(IReadOnlyList<LabelledImages> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to join", nameof(parts));
        var first = parts[0];
        if (parts.Any(p => p.Channels != first.Channels || p.Height != first.Height || p.Width != first.Width))
            throw new ArgumentException("cannot join images of different shapes", nameof(parts));
        var pixels = new byte[parts.Sum(p => (long)p.Pixels.Length)];
        var labels = new byte[parts.Sum(p => p.Count)];
        long pixelAt = 0;
        var labelAt = 0;
        foreach (var part in parts)
        {
            part.Pixels.CopyTo(pixels, pixelAt);
            part.Labels.CopyTo(labels, labelAt);
            pixelAt += part.Pixels.Length;
            labelAt += part.Count;
        }
        return new LabelledImages(pixels, labels, first.Channels, first.Height, first.Width);
    }
}
