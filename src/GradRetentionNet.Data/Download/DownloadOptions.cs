namespace GradRetentionNet.Data.Download;

/// <summary>How hard a download tries and how often it reports.</summary>
public sealed record DownloadOptions
{
    /// <summary>Attempts per URL for transient failures (dropped connections, stalls, 5xx/408/429). Each retry resumes from the bytes already kept.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait before the first retry; it doubles on each further retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries, also the cap on a server's Retry-After.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A response that sends no bytes for this long is abandoned and retried. There is no overall timeout: a 2 GB
    /// archive over a slow link legitimately takes longer than any fixed limit, a silent connection does not.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Shortest interval between two progress reports of one file (the first and last are always reported).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The defaults.</summary>
    public static DownloadOptions Default { get; } = new();

    internal void Validate()
    {
        Require(MaxAttempts >= 1, nameof(MaxAttempts), MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), "at least 1");
        Require(InitialBackoff >= TimeSpan.Zero, nameof(InitialBackoff), InitialBackoff.ToString(), "zero or more");
        Require(MaxBackoff >= InitialBackoff, nameof(MaxBackoff), MaxBackoff.ToString(), "at least InitialBackoff");
        Require(IdleTimeout > TimeSpan.Zero, nameof(IdleTimeout), IdleTimeout.ToString(), "positive");
        Require(ProgressInterval >= TimeSpan.Zero, nameof(ProgressInterval), ProgressInterval.ToString(), "zero or more");
    }

    private static void Require(bool condition, string option, string value, string expectation)
    {
        if (!condition)
            throw new ArgumentException($"invalid download option {option} = {value}: must be {expectation}");
    }
}
