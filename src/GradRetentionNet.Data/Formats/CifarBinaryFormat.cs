namespace GradRetentionNet.Data.Formats;

/// <summary>
/// The CIFAR-10 binary format (<c>cifar-10-batches-bin</c>): a file is a sequence of 3,073-byte
/// records, each a label byte (0–9) followed by a 32×32 colour image as 1,024 red, then 1,024
/// green, then 1,024 blue bytes, rows top to bottom. No header, no compression.
/// </summary>
public static class CifarBinaryFormat
{
    /// <summary>Side of the square images.</summary>
    public const int Side = 32;

    /// <summary>Colour channels (R, G, B planes).</summary>
    public const int Channels = 3;

    /// <summary>Bytes of one image: 3 planes of 32×32.</summary>
    public const int ImageBytes = Channels * Side * Side;

    /// <summary>Bytes of one record: the label byte and the image.</summary>
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Classes of CIFAR-10 (labels 0–9).</summary>
    public const int Classes = 10;
}
