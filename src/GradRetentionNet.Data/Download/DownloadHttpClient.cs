using System.Net;

namespace GradRetentionNet.Data.Download;

/// <summary>The HttpClient used when the caller brings none, and the User-Agent every download request carries.</summary>
internal static class DownloadHttpClient
{
    /// <summary>Some hosts refuse requests without a User-Agent; this one says who is asking.</summary>
    public const string UserAgent = "GradRetentionNet-data/1.0";

    private static readonly Lazy<HttpClient> SharedClient = new(Create);

    public static HttpClient Shared => SharedClient.Value;

    private static HttpClient Create() => new(new SocketsHttpHandler
    {
        // The checksums are of the files as published (.gz, .tar.gz): bytes must reach the disk undecoded.
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        // Hugging Face answers with a redirect to its CDN; the Range header travels with it.
        AllowAutoRedirect = true,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Stalls are caught per read by DownloadOptions.IdleTimeout; a whole-request timeout would kill large archives.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
