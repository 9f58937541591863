using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>A logger provider that keeps every entry a host logs, so a test can say what happened inside Orleans (e.g. a refused handshake).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    readonly ConcurrentQueue<string> entries = new();

    /// <summary>"Level Category: message" then the exception chain's types and messages, one entry each.</summary>
    public IReadOnlyList<string> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose() { }

    sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var causes = new List<string>();
            for (var e = exception; e is not null; e = e.InnerException) causes.Add($"{e.GetType().Name}: {e.Message}");
            entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(causes.Count > 0 ? " | " + string.Join(" | ", causes) : "")}");
        }
    }
}
