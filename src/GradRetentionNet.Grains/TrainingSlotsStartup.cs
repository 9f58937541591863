using Microsoft.Extensions.Hosting;

namespace GradRetentionNet.Grains;

/// <summary>
/// Builds the job runner as the host starts rather than at the first job, so the slot gauges
/// (and NVML's one log line) are there from the first scrape.
/// </summary>
internal sealed class TrainingSlotsStartup(JobRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(runner);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
