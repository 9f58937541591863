namespace GradRetentionNet.Cli;

/// <summary>IProgress that reports on the reporting thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
