namespace GradRetentionNet.Data.Download;

/// <summary>One file to fetch: where from, where to, and what it must be once fetched.</summary>
/// <param name="Urls">Sources of the same bytes, tried in order (e.g. a mirror first, the official host second).</param>
/// <param name="DestinationPath">The final path. Bytes arrive in <c>DestinationPath.part</c>, which becomes the final file only after the checks pass.</param>
/// <param name="ExpectedSize">Exact size in bytes, when published; null skips the size check (the checksum still applies).</param>
/// <param name="Checksum">The digest the host publishes; every download is checked against it.</param>
public sealed record DownloadRequest(IReadOnlyList<Uri> Urls, string DestinationPath, long? ExpectedSize, Checksum Checksum);
