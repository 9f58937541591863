namespace GradRetentionNet.Data.Download;

/// <summary>A failure worth retrying: a dropped connection, a stalled read, a 5xx/408/429 answer.</summary>
internal sealed class TransientDownloadException(string message, Exception? innerException = null, TimeSpan? retryAfter = null)
    : Exception(message, innerException)
{
    /// <summary>How long the server asked us to wait (Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
