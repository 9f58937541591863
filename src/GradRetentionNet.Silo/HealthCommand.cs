namespace GradRetentionNet.Silo;

/// <summary>
/// grn-silo health [--url URL]: asks a silo's health endpoint (default
/// <see cref="DefaultUrl"/>) and exits 0 when it answers 2xx, 1 otherwise, with one line either
/// way. The images' HEALTHCHECK runs it: the .NET base images have no curl or wget, and this
/// binary is already there. Reads no configuration and starts nothing else, so it stays cheap
/// when a container engine runs it every few seconds.
/// </summary>
internal static class HealthCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    /// <summary>
    /// Shorter than the images' HEALTHCHECK --timeout (10 s): the probe reports its own one-line
    /// reason instead of being killed without one.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] arguments, TextWriter output, TextWriter error)
    {
        if (ParseUrl(arguments) is not { } url)
        {
            error.WriteLine($"error: grn-silo health takes [--url http://HOST:PORT/PATH]; got '{string.Join(' ', arguments)}'");
            return 1;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine($"healthy: GET {url} answered {status}");
                return 0;
            }
            error.WriteLine($"unhealthy: GET {url} answered {status}");
            return 1;
        }
        catch (TaskCanceledException)
        {
            error.WriteLine($"unhealthy: GET {url} gave no answer within {Timeout.TotalSeconds:0} s");
            return 1;
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"unhealthy: GET {url} failed: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    /// <summary>The URL to ask: the default, or an absolute http(s) URL after --url; null for anything else.</summary>
    static Uri? ParseUrl(string[] arguments)
    {
        var text = arguments switch
        {
            [] => DefaultUrl,
            ["--url", var value] => value,
            [var single] when single.StartsWith("--url=", StringComparison.Ordinal) => single["--url=".Length..],
            _ => null,
        };
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
    }
}
