using System.Collections.Concurrent;

namespace GradRetentionNet.Data.Tests.Download;

/// <summary>An IProgress that records reports synchronously, in order, and can act on each (e.g. cancel).</summary>
internal sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();

    public IReadOnlyList<T> Reports => _reports.ToArray();

    public void Report(T value)
    {
        _reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
