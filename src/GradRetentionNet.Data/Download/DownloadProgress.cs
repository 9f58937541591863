namespace GradRetentionNet.Data.Download;

/// <summary>Progress of one file download.</summary>
/// <param name="FileName">The file's name (no folder).</param>
/// <param name="Phase">Transferring or verifying.</param>
/// <param name="BytesDone">Bytes on disk so far (transferring) or hashed so far (verifying).</param>
/// <param name="TotalBytes">The file's size when known.</param>
public sealed record DownloadProgress(string FileName, DownloadPhase Phase, long BytesDone, long? TotalBytes);
