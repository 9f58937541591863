using System.Globalization;

namespace GradRetentionNet.Data.Download;

/// <summary>
/// Progress of preparing one dataset, shaped for a progress bar: the current file's bytes against its size, and the
/// dataset's downloaded bytes against its total download size.
/// </summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Stage">Downloading, verifying, extracting or completed.</param>
/// <param name="CurrentFile">The file being worked on (downloaded or extracted).</param>
/// <param name="FileNumber">1-based position of <paramref name="CurrentFile"/> among the dataset's files.</param>
/// <param name="FileCount">Files the dataset downloads.</param>
/// <param name="BytesDone">Bytes of the current file done in this stage (received, hashed, or archive bytes read).</param>
/// <param name="BytesTotal">Size of the current file, when known.</param>
/// <param name="DatasetBytesDone">Bytes of the whole dataset downloaded so far (including files already present).</param>
/// <param name="DatasetBytesTotal">Bytes the whole dataset downloads.</param>
public sealed record PrepareProgress(
    string Dataset,
    PrepareStage Stage,
    string CurrentFile,
    int FileNumber,
    int FileCount,
    long BytesDone,
    long? BytesTotal,
    long DatasetBytesDone,
    long DatasetBytesTotal)
{
    /// <summary>Share of the current file's stage done (0–1), when its size is known.</summary>
    public double? Fraction => BytesTotal is > 0 and var total ? Math.Clamp((double)BytesDone / total, 0, 1) : null;

    /// <summary>Share of the dataset's download done (0–1).</summary>
    public double DatasetFraction => DatasetBytesTotal > 0 ? Math.Clamp((double)DatasetBytesDone / DatasetBytesTotal, 0, 1) : 1;

    /// <summary>A status line, e.g. <c>mnist [1/4] downloading train-images-idx3-ubyte.gz 4.2/9.9 MB</c>.</summary>
    public override string ToString()
    {
        var stage = Stage.ToString().ToLowerInvariant();
        if (Stage == PrepareStage.Completed)
            return $"{Dataset} {stage}";
        var size = BytesTotal is { } total ? $"{Megabytes(BytesDone)}/{Megabytes(total)} MB" : $"{Megabytes(BytesDone)} MB";
        return $"{Dataset} [{FileNumber}/{FileCount}] {stage} {CurrentFile} {size}";
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
