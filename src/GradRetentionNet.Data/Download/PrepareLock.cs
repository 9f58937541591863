namespace GradRetentionNet.Data.Download;

/// <summary>
/// An exclusive lock on a dataset folder for the length of a prepare, so that two processes never write the same
/// <c>.part</c> file. Held through an open handle with <see cref="FileShare.None"/> (an advisory lock on Unix).
/// </summary>
internal sealed class PrepareLock : IDisposable
{
    public const string FileName = ".prepare.lock";

    private readonly FileStream _handle;

    private PrepareLock(FileStream handle) => _handle = handle;

    /// <exception cref="IOException">Another prepare of the same dataset holds the lock.</exception>
    public static PrepareLock Acquire(string datasetDirectory, string dataset)
    {
        var path = Path.Combine(datasetDirectory, FileName);
        try
        {
            return new PrepareLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e)
        {
            throw new IOException($"another prepare of '{dataset}' is running (lock {path} is held)", e);
        }
    }

    // The file stays: deleting it would let a third process lock a new file while the second still holds the old one.
    public void Dispose() => _handle.Dispose();
}
