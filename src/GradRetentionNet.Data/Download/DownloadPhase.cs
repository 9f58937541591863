namespace GradRetentionNet.Data.Download;

/// <summary>What a download is doing when it reports progress.</summary>
public enum DownloadPhase
{
    /// <summary>Bytes are arriving from the server (counts include bytes kept from an interrupted transfer).</summary>
    Transferring,

    /// <summary>The file on disk is being hashed against its published checksum.</summary>
    Verifying,
}
