namespace GradRetentionNet.Contracts.Files;

/// <summary>
/// Writes a file so readers see the old or the new content, never half of one — the one way the
/// project replaces a file. The temporary file's name is unique to the writer, so processes that
/// write the same file at once (silos on a shared volume, two runs generating one dataset) never
/// write into each other's temporary file; the last rename wins whole.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already after the rename; left behind only by a failed write
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    public static void WriteBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));
}
