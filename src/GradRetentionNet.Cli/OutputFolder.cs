namespace GradRetentionNet.Cli;

/// <summary>
/// Checks an output folder (--out) before any work starts, so a sweep or a training job does not
/// run for an hour and then fail to write its results: the path must not be a file nor lie under
/// one, and the folder it is in must take a new file. Nothing is created: the nearest existing
/// folder on the path is probed with a file that is deleted at once.
/// </summary>
internal static class OutputFolder
{
    /// <summary>The full path of <paramref name="path"/>; throws a one-line <see cref="ArgumentException"/> naming <paramref name="option"/>.</summary>
    public static string Check(string path, string option = "--out")
    {
        var full = Path.GetFullPath(path);
        for (var folder = full; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
                throw new ArgumentException(folder == full
                    ? $"invalid {option} '{path}': it is a file; give a folder"
                    : $"invalid {option} '{path}': {folder} is a file, so no folder can be made under it");
            if (!Directory.Exists(folder)) continue;
            Probe(folder, path, option);
            return full;
        }
        return full;
    }

    static void Probe(string folder, string path, string option)
    {
        var probe = Path.Combine(folder, $".grn-write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"invalid {option} '{path}': cannot write in {folder}: {e.Message}");
        }
    }
}
