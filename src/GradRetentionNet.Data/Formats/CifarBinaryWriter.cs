using GradRetentionNet.Contracts.Files;
namespace GradRetentionNet.Data.Formats;

/// <summary>Writes CIFAR-10 binary batch files (<see cref="CifarBinaryFormat"/>).</summary>
public static class CifarBinaryWriter
{
    /// <summary>
    /// Writes <paramref name="images"/> (3×32×32, channel-major, labels 0–9) to
    /// <paramref name="path"/>. The file appears complete or not at all: it is written beside
    /// the target and renamed, so a reader running at the same time never sees half a file.
    /// </summary>
    public static void Write(string path, LabelledImages images)
    {
        if (images.Channels != CifarBinaryFormat.Channels || images.Height != CifarBinaryFormat.Side || images.Width != CifarBinaryFormat.Side)
            throw new ArgumentException($"CIFAR records hold 3x32x32 images, not {images.Channels}x{images.Height}x{images.Width}", nameof(images));
        images.Validated();
        var bad = Array.FindIndex(images.Labels, label => label >= CifarBinaryFormat.Classes);
        if (bad >= 0)
            throw new ArgumentException($"label {images.Labels[bad]} of image {bad} is not a CIFAR-10 class (0..9)", nameof(images));

        var buffer = new byte[images.Count * CifarBinaryFormat.RecordBytes];
        for (var i = 0; i < images.Count; i++)
        {
            var record = buffer.AsSpan(i * CifarBinaryFormat.RecordBytes, CifarBinaryFormat.RecordBytes);
            record[0] = images.Labels[i];
            images.Pixels.AsSpan(i * CifarBinaryFormat.ImageBytes, CifarBinaryFormat.ImageBytes).CopyTo(record[1..]);
        }

        AtomicFile.WriteBytes(path, buffer);
    }
}
