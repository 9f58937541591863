namespace GradRetentionNet.Data.Download;

/// <summary>What the preparer does with a downloaded file.</summary>
public enum SourceFileKind
{
    /// <summary>Kept as downloaded under its file name (MNIST .gz files, Parquet files).</summary>
    Keep,

    /// <summary>An uncompressed tar: extracted into the dataset folder, then deleted.</summary>
    Tar,

    /// <summary>A gzip-compressed tar: extracted into the dataset folder, then deleted.</summary>
    TarGzip,
}
