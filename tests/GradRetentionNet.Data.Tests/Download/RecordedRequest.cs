namespace GradRetentionNet.Data.Tests.Download;

/// <summary>One request the local server received.</summary>
/// <param name="Path">The URL path, e.g. <c>/mnist/train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Range">The Range header as sent, or null.</param>
internal sealed record RecordedRequest(string Path, string? Range);
