using System.Collections.Concurrent;
using GradRetentionNet.Observability;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>
/// The silo's training slots. A job waits for a slot, then trains on its own long-running
/// thread — never on the grain scheduler, whose calls time out after 30 s — and reports through
/// callbacks. A job that throws ends as failed; it never takes the silo down.
/// </summary>
public sealed class JobRunner : IDisposable
{
    readonly JobRunnerOptions options;
    readonly ILogger<JobRunner> logger;
    readonly SiloMetrics metrics;
    readonly SemaphoreSlim slots;
    readonly ConcurrentDictionary<string, CancellationTokenSource> running = new();

    public JobRunner(JobRunnerOptions options, SiloMetrics metrics, ILogger<JobRunner> logger)
    {
        this.options = options;
        this.logger = logger;
        this.metrics = metrics;
        slots = new SemaphoreSlim(options.Slots, options.Slots);
        metrics.ObserveSlots(SlotUsage);
        // Concurrent jobs share the cores: oversubscribed intra-op threads slow every job down
        // many times over, so each slot gets its share (libtorch's setting is process-wide).
        TorchSharp.torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / options.Slots));
    }

    int started;

    // running holds queued and training jobs alike; a taken slot is a training one.
    SlotUsage SlotUsage()
    {
        var busy = options.Slots - slots.CurrentCount;
        return new SlotUsage(options.Slots, busy, Math.Max(0, running.Count - busy));
    }

    /// <summary>Job attempts this silo has taken on since it started.</summary>
    public int AttemptsStarted => Volatile.Read(ref started);

    /// <summary>Whether any job is queued or training on this silo.</summary>
    public bool Busy => !running.IsEmpty;

    /// <summary>Queues <paramref name="assignment"/>; returns at once.</summary>
    public void Start(JobAssignment assignment, Func<int, Task> epochFinished, Func<JobReport, Task> finished)
    {
        var cancellation = new CancellationTokenSource();
        if (!running.TryAdd(assignment.JobId, cancellation)) return; // already queued or running here
        Interlocked.Increment(ref started);
        _ = Task.Factory.StartNew(() => Run(assignment, epochFinished, finished, cancellation.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Cancel(string jobId)
    {
        if (running.TryGetValue(jobId, out var cancellation)) cancellation.Cancel();
    }

    async Task Run(JobAssignment assignment, Func<int, Task> epochFinished, Func<JobReport, Task> finished, CancellationToken cancellation)
    {
        // Every line logged for this job, here and on the trainer's thread, carries SweepId and JobId.
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = assignment.Sweep, ["JobId"] = assignment.JobId });
        JobReport report;
        JobLabels? labels = null;
        var slotTaken = false;
        try
        {
            await slots.WaitAsync(cancellation);
            slotTaken = true;
            var spec = System.Text.Json.JsonSerializer.Deserialize<JobSpec>(assignment.SpecJson, JobJson.Options)!;
            labels = new JobLabels(assignment.Sweep, assignment.JobId, spec.Dataset, spec.Optimizer, spec.Seed);
            logger.LogInformation("{Sweep} job {JobId} attempt {Attempt} starting: {Dataset} {Optimizer} seed {Seed}",
                assignment.Sweep, assignment.JobId, assignment.Attempt, spec.Dataset, spec.Optimizer, spec.Seed);
            using var data = JobDataLoader.Load(spec, options.DataRoot);
            using var job = metrics.Jobs.Start(labels, spec.Epochs); // its gauges go when training ends
            var telemetry = new JobTelemetry(job, metrics.Gpus);
            var trainer = new Trainer(spec, data, new JobOutput(assignment.OutputDirectory))
            {
                EpochCompleted = epoch =>
                {
                    telemetry.EpochCompleted(epoch);
                    // Progress is news, not a dependency: the job does not wait for the coordinator.
                    epochFinished(epoch.Epoch).ContinueWith(
                        t => logger.LogWarning(t.Exception, "{JobId}: epoch report lost", assignment.JobId), TaskContinuationOptions.OnlyOnFaulted);
                },
                StepsFlushed = telemetry.StepsFlushed,
                GpuMemory = telemetry.GpuMemory,
            };
            var result = trainer.Run(cancellation: cancellation);
            report = new JobReport(assignment.JobId, assignment.Attempt, result.Status.ToString().ToLowerInvariant(), result.FinalMetric, result.Error, result.Epochs.Count);
        }
        catch (OperationCanceledException)
        {
            report = new JobReport(assignment.JobId, assignment.Attempt, "cancelled", null, null);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Sweep} job {JobId} attempt {Attempt} failed before training", assignment.Sweep, assignment.JobId, assignment.Attempt);
            report = new JobReport(assignment.JobId, assignment.Attempt, "failed", null, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (slotTaken) slots.Release();
            if (running.TryRemove(assignment.JobId, out var source)) source.Dispose();
        }

        logger.LogInformation("{Sweep} job {JobId} attempt {Attempt} ended {Status}", assignment.Sweep, assignment.JobId, assignment.Attempt, report.Status);
        metrics.Jobs.CountEnd(labels ?? JobLabels.Unreadable(assignment.Sweep, assignment.JobId), report.Status);
        try
        {
            await finished(report);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Sweep} job {JobId}: could not report the end of attempt {Attempt}", assignment.Sweep, assignment.JobId, assignment.Attempt);
        }
    }

    public void Dispose()
    {
        foreach (var cancellation in running.Values) cancellation.Cancel();
        slots.Dispose();
    }
}

/// <summary>How many jobs a silo trains at once, and where datasets live.</summary>
public sealed record JobRunnerOptions(int Slots = 1, string? DataRoot = null);
