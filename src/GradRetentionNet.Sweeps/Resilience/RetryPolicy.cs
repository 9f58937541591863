using Polly;
using Polly.Retry;

namespace GradRetentionNet.Sweeps.Resilience;

/// <summary>
/// The one retry policy for calls that are safe to repeat and fail while a cluster changes
/// membership: the CLI's API requests (answered 503) and the trainers' delivery of a job's end to
/// its coordinator (whose silo may be failing over). Exponential backoff from 0.5 s with jitter,
/// six retries: about half a minute in all, longer than Orleans takes to move a grain.
/// </summary>
public static class RetryPolicy
{
    public const int MaxRetries = 6;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(0.5);

    /// <param name="shouldRetry">Which failures are transient.</param>
    /// <param name="onRetry">Told of each failure that will be retried (for a log line), with the retry's number.</param>
    public static ResiliencePipeline Create(Func<Exception, bool> shouldRetry, Action<Exception, int>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(shouldRetry),
                MaxRetryAttempts = MaxRetries,
                Delay = FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = arguments =>
                {
                    if (arguments.Outcome.Exception is { } e) onRetry?.Invoke(e, arguments.AttemptNumber + 1);
                    return default;
                },
            })
            .Build();
}
