namespace GradRetentionNet.Data.Download;

/// <summary>A dataset the preparer can fetch: its files and the layout they must produce.</summary>
/// <param name="Name">Folder name under the data root and the name users type (e.g. <c>cifar10</c>).</param>
/// <param name="Description">One line for help output.</param>
/// <param name="Files">What to download.</param>
/// <param name="ExpectedPaths">Paths relative to the dataset folder (with <c>/</c>) that must exist once prepared: the layout the readers open.</param>
public sealed record DatasetSource(string Name, string Description, IReadOnlyList<SourceFile> Files, IReadOnlyList<string> ExpectedPaths)
{
    /// <summary>Total bytes to download.</summary>
    public long DownloadSize => Files.Sum(f => f.Size);

    /// <summary>
    /// The same dataset fetched from a mirror: every file from <c>{mirror}/{Name}/{FileName}</c>, the mirror only.
    /// Sizes and checksums stay those of the official files, so a mirror can serve nothing else.
    /// </summary>
    public DatasetSource WithMirror(Uri mirror) =>
        this with { Files = Files.Select(f => f with { Urls = [MirrorUrl(mirror, Name, f.FileName)] }).ToArray() };

    /// <summary>Where a mirror keeps a file: <c>{mirror}/{dataset}/{fileName}</c>.</summary>
    public static Uri MirrorUrl(Uri mirror, string dataset, string fileName)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        // Without a trailing slash, relative resolution would drop the mirror's last path segment.
        var folder = mirror.AbsoluteUri.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/");
        return new Uri(folder, $"{Uri.EscapeDataString(dataset)}/{Uri.EscapeDataString(fileName)}");
    }
}
