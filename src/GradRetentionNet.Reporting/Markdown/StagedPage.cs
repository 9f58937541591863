namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// A Markdown page and its image folder (the page's name without ".md", beside it) written so that
/// a failure leaves the previous page and images as they were: both are written into a staging
/// folder beside them, then moved into place, the old image folder kept until the page is in.
/// The image folder belongs to the page: one that holds anything but PNGs is refused, not replaced.
/// </summary>
internal sealed class StagedPage : IDisposable
{
    readonly string pagePath;
    readonly string imageFolder;
    readonly string staging;

    public StagedPage(string pagePath)
    {
        this.pagePath = Path.GetFullPath(pagePath);
        var folder = Path.GetDirectoryName(this.pagePath)!;
        ImageFolderName = Path.GetFileNameWithoutExtension(this.pagePath);
        imageFolder = Path.Combine(folder, ImageFolderName);
        if (Directory.Exists(imageFolder) && Directory.EnumerateFileSystemEntries(imageFolder).FirstOrDefault(e => !e.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new ArgumentException($"{imageFolder} holds {Path.GetFileName(other)}, not one of the page's PNGs: move it, or write the page elsewhere");
        staging = Path.Combine(folder, $".{ImageFolderName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(StagedImages);
    }

    /// <summary>The image folder's name, as the page refers to it.</summary>
    public string ImageFolderName { get; }

    /// <summary>Where the images are written until <see cref="Commit"/>.</summary>
    public string StagedImages => Path.Combine(staging, ImageFolderName);

    /// <summary>Puts the page and its images in place; returns the page's path.</summary>
    public string Commit(string markdown)
    {
        var stagedPage = Path.Combine(staging, Path.GetFileName(pagePath));
        File.WriteAllText(stagedPage, markdown);
        var previous = Directory.Exists(imageFolder) ? Path.Combine(staging, "previous") : null;
        if (previous is not null) Directory.Move(imageFolder, previous);
        try
        {
            Directory.Move(StagedImages, imageFolder);
            File.Move(stagedPage, pagePath, overwrite: true);
        }
        catch
        {
            if (previous is not null)
            {
                if (Directory.Exists(imageFolder)) Directory.Delete(imageFolder, recursive: true);
                Directory.Move(previous, imageFolder);
            }
            throw;
        }
        return pagePath;
    }

    /// <summary>Removes the staging folder: after a commit, the previous images; after a failure, everything written.</summary>
    public void Dispose()
    {
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
    }
}
