namespace GradRetentionNet.Data.Download;

/// <summary>
/// A download that could not produce a verified file: the server refused, retries ran out, or the bytes did not match
/// the published size or checksum. The message is one line naming the URL and, for mismatches, expected and actual
/// values. Nothing is left at the final path.
/// </summary>
public sealed class DownloadFailedException : IOException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public DownloadFailedException(string message, Uri? url, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
    }

    /// <summary>The URL that failed; null when every source of a file failed (the message lists them).</summary>
    public Uri? Url { get; }
}
