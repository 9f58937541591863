namespace GradRetentionNet.Data.Tests.Download;

/// <summary>A file the local server serves at one path, and how it misbehaves.</summary>
internal sealed record ServedFile(byte[] Content)
{
    /// <summary>On the first request: announce the whole length, send this many bytes, then close the connection (or stall).</summary>
    public long? CutFirstResponseAfter { get; init; }

    /// <summary>With <see cref="CutFirstResponseAfter"/>: fall silent instead of closing, until the client gives up.</summary>
    public bool StallInsteadOfClosing { get; init; }

    /// <summary>Answer Range requests with 200 and the whole file, like servers without Range support.</summary>
    public bool IgnoresRange { get; init; }

    /// <summary>Answer the first requests with these status codes (e.g. 503) and no body.</summary>
    public int[] LeadingStatuses { get; init; } = [];

    /// <summary>Answer every request with this status code and no body (e.g. 404).</summary>
    public int? AlwaysStatus { get; init; }
}
