namespace GradRetentionNet.Data.Formats;

/// <summary>Reads CIFAR-10 binary batch files (<see cref="CifarBinaryFormat"/>).</summary>
public static class CifarBinaryReader
{
    /// <summary>Reads one batch file.</summary>
    public static LabelledImages Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % CifarBinaryFormat.RecordBytes != 0)
        {
            var whole = bytes.Length / CifarBinaryFormat.RecordBytes;
            throw FormatErrors.AtOffset(path, (long)whole * CifarBinaryFormat.RecordBytes,
                $"whole {CifarBinaryFormat.RecordBytes}-byte records (label byte + 3x1024 R, G, B bytes)",
                $"{bytes.Length % CifarBinaryFormat.RecordBytes} bytes left over after {whole} records (file size {bytes.Length} is not a positive multiple of {CifarBinaryFormat.RecordBytes})");
        }

        var count = bytes.Length / CifarBinaryFormat.RecordBytes;
        var labels = new byte[count];
        var pixels = new byte[count * CifarBinaryFormat.ImageBytes];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(i * CifarBinaryFormat.RecordBytes, CifarBinaryFormat.RecordBytes);
            if (record[0] >= CifarBinaryFormat.Classes)
                throw FormatErrors.AtOffset(path, (long)i * CifarBinaryFormat.RecordBytes,
                    $"a label byte 0..{CifarBinaryFormat.Classes - 1} starting record {i}", record[0].ToString());
            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * CifarBinaryFormat.ImageBytes));
        }
        return new LabelledImages(pixels, labels, CifarBinaryFormat.Channels, CifarBinaryFormat.Side, CifarBinaryFormat.Side);
    }

    /// <summary>Reads several batch files, in order, as one set (e.g. <c>data_batch_1..5.bin</c>).</summary>
    public static LabelledImages ReadAll(IEnumerable<string> paths)
    {
        var parts = paths.Select(Read).ToList();
        if (parts.Count == 0) throw new ArgumentException("no CIFAR batch file given", nameof(paths));
        return LabelledImages.Concat(parts);
    }
}
