namespace GradRetentionNet.Data.Download;

/// <summary>A verified file at its final path.</summary>
/// <param name="Path">The final path.</param>
/// <param name="Source">The URL the bytes came from; null when the file was already there and passed its checks.</param>
/// <param name="BytesTransferred">Bytes received over the network by this call (0 when already present).</param>
/// <param name="AlreadyPresent">True when no request was made because a file that passes the checks was already at the final path.</param>
/// <param name="Resumed">True when the final bytes include bytes kept from an earlier, interrupted transfer.</param>
public sealed record DownloadResult(string Path, Uri? Source, long BytesTransferred, bool AlreadyPresent, bool Resumed);
