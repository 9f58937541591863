namespace GradRetentionNet.Reporting.Html;

/// <summary>A link in a table cell: its text and a relative href, already URL-escaped.</summary>
/// <param name="Title">Shown on hover: the full path the link points at.</param>
public sealed record ReportLink(string Text, string Href, string? Title = null)
{
    /// <summary>
    /// A link from a page in <paramref name="pageFolder"/> to a job's folder, or null when that folder
    /// does not exist there (a report drawn from results fetched over the API has none to point at).
    /// The href is relative, so the page and the job folders can be moved or served together.
    /// </summary>
    public static ReportLink? ToFolder(string pageFolder, string targetFolder, string text)
    {
        if (!Directory.Exists(targetFolder)) return null;
        var relative = Path.GetRelativePath(Path.GetFullPath(pageFolder), Path.GetFullPath(targetFolder));
        return new ReportLink(text, EscapePath(relative) + "/", Path.GetFullPath(targetFolder));
    }

    /// <summary>A relative path as an href: each segment URL-escaped, '/' between them.</summary>
    public static string EscapePath(string relativePath) =>
        string.Join('/', relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
}
