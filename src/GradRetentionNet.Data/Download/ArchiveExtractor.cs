using System.Formats.Tar;
using System.IO.Compression;

namespace GradRetentionNet.Data.Download;

/// <summary>
/// Extracts tar and tar.gz archives with <see cref="TarReader"/>: regular files and folders only, every entry checked
/// to stay inside the target folder. Links, devices and entries that would escape (<c>../x</c>, <c>/etc/x</c>) are
/// refused with an <see cref="InvalidDataException"/> naming the entry.
/// </summary>
public static class ArchiveExtractor
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Extracts <paramref name="archivePath"/> into <paramref name="targetDirectory"/> (created if missing) and returns
    /// the full paths of the files written. <paramref name="archiveBytesRead"/> gets the position in the archive file,
    /// for a progress bar against its length.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ExtractTarAsync(string archivePath, string targetDirectory, bool gzip,
        IProgress<long>? archiveBytesRead = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(targetDirectory);
        Directory.CreateDirectory(root);
        var archiveName = Path.GetFileName(archivePath);
        var written = new List<string>();

        await using var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var data = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        await using var reader = new TarReader(data, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(InsideTarget(root, entry.Name, archiveName));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var path = InsideTarget(root, entry.Name, archiveName);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    // Copied by hand rather than ExtractToFileAsync so the archive's owner and mode bits are not applied.
                    await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
                    {
                        if (entry.DataStream is { } content)
                            await content.CopyToAsync(output, cancellationToken);
                    }
                    written.Add(path);
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    // pax metadata about the whole archive: no file to write.
                    break;
                default:
                    throw new InvalidDataException(
                        $"{archiveName}: entry '{entry.Name}' is a {entry.EntryType}; only regular files and folders are extracted");
            }
            archiveBytesRead?.Report(file.Position);
        }
        return written;
    }

    /// <summary>The full path of an entry, or an exception when it would land outside <paramref name="root"/>.</summary>
    internal static string InsideTarget(string root, string entryName, string archiveName)
    {
        if (entryName.Length == 0 || entryName.Contains('\0') || Path.IsPathRooted(entryName))
            throw Escaping(entryName, archiveName, root);
        var full = Path.GetFullPath(Path.Combine(root, entryName));
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (full != root && !full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw Escaping(entryName, archiveName, root);
        return full;
    }

    private static InvalidDataException Escaping(string entryName, string archiveName, string root) =>
        new($"{archiveName}: entry '{entryName}' would be written outside {root}; refused");
}
