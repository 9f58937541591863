namespace GradRetentionNet.Data.Download;

/// <summary>What preparing a dataset is doing.</summary>
public enum PrepareStage
{
    /// <summary>Receiving a file.</summary>
    Downloading,

    /// <summary>Hashing a file against its published checksum.</summary>
    Verifying,

    /// <summary>Unpacking an archive.</summary>
    Extracting,

    /// <summary>The dataset is in place and marked complete.</summary>
    Completed,
}
