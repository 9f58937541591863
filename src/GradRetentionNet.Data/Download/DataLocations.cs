namespace GradRetentionNet.Data.Download;

/// <summary>Where prepared datasets live and where they are fetched from, with their environment overrides.</summary>
public static class DataLocations
{
    /// <summary>Environment variable naming the data root.</summary>
    public const string DataRootVariable = "GRN_DATA_ROOT";

    /// <summary>Environment variable naming a mirror base URL that replaces every official source.</summary>
    public const string MirrorVariable = "GRN_DATA_MIRROR";

    /// <summary>
    /// <paramref name="explicitRoot"/> when given, else <c>$GRN_DATA_ROOT</c>, else
    /// <c>$HOME/.cache/gradretentionnet/data</c>; always a full path.
    /// </summary>
    public static string ResolveDataRoot(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            return Path.GetFullPath(explicitRoot);
        var fromEnvironment = Environment.GetEnvironmentVariable(DataRootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "gradretentionnet", "data");
    }

    /// <summary><paramref name="explicitMirror"/> when given, else <c>$GRN_DATA_MIRROR</c> parsed as an absolute http(s) URL, else null (official sources).</summary>
    /// <exception cref="ArgumentException">The text is not an absolute http or https URL.</exception>
    public static Uri? ResolveMirror(string? explicitMirror = null)
    {
        var (text, origin) = string.IsNullOrWhiteSpace(explicitMirror)
            ? (Environment.GetEnvironmentVariable(MirrorVariable), MirrorVariable)
            : (explicitMirror, "mirror");
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var mirror) || (mirror.Scheme != Uri.UriSchemeHttp && mirror.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"invalid {origin} = '{text}': must be an absolute http or https URL");
        return mirror;
    }
}
