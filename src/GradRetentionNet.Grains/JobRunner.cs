using System.Collections.Concurrent;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Observability;
using GradRetentionNet.Sweeps.Resilience;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>
/// The silo's training slots. A job waits for a slot, then trains on its own long-running
/// thread — never on the grain scheduler, whose calls time out after 30 s — and reports through
/// callbacks. A job that throws ends as failed; it never takes the silo down. At shutdown the
/// runner hands its jobs back: each checkpoints and reports "suspended", to be resumed elsewhere.
/// </summary>
public sealed class JobRunner : IDisposable
{
    readonly IJobExecutor executor;
    readonly ILogger<JobRunner> logger;
    readonly SiloMetrics metrics;
    readonly SlotLanes lanes;
    readonly ConcurrentDictionary<string, RunningJob> running = new();
    readonly CancellationTokenSource handBack = new();
    int started;
    int delivering;

    public JobRunner(JobRunnerOptions options, IJobExecutor executor, SiloMetrics metrics, ILogger<JobRunner> logger)
    {
        this.executor = executor;
        this.logger = logger;
        this.metrics = metrics;
        Slots = options.Slots;
        Gpus = options.Gpus;
        lanes = new SlotLanes(options.Gpus > 0 ? options.Gpus : options.Slots);
        Slots = lanes.Count;
        metrics.ObserveSlots(SlotUsage);
        // Concurrent jobs share the cores: oversubscribed intra-op threads slow every job down
        // many times over, so each slot gets its share (libtorch's setting is process-wide).
        TorchSharp.torch.set_num_threads(Math.Max(1, Environment.ProcessorCount / options.Slots));
    }

    /// <summary>Slots this silo offers (0 once it is handing its jobs back).</summary>
    public int Slots { get; private set; }

    /// <summary>GPUs this silo trains on (0: CPU slots); the slot board packs trials_per_gpu jobs onto each.</summary>
    public int Gpus { get; }

    /// <summary>Keys and lane shares of the jobs queued or training here, for the slot board.</summary>
    public HeldJob[] Held => running.Select(job => new HeldJob(job.Key, job.Value.Share)).ToArray();

    /// <summary>A job queued or training here: its cancellation and the share of a lane it takes.</summary>
    sealed record RunningJob(CancellationTokenSource Cancellation, double Share)
    {
        /// <summary>Set before <see cref="Cancellation"/> fires when early stopping, not the user, ends the job.</summary>
        public volatile bool StoppedEarly;
    }

    // running holds queued and training jobs alike; a taken slot is a training one.
    SlotUsage SlotUsage()
    {
        var busy = lanes.Occupied;
        return new SlotUsage(Slots, busy, Math.Max(0, running.Count - lanes.Holders));
    }

    /// <summary>Job attempts this silo has taken on since it started.</summary>
    public int AttemptsStarted => Volatile.Read(ref started);

    /// <summary>Whether any job is queued, training, or still reporting its end on this silo.</summary>
    public bool Busy => !running.IsEmpty || Volatile.Read(ref delivering) > 0;

    /// <summary>Keys (sweep/job) of the jobs queued or training here.</summary>
    public string[] Jobs => running.Keys.ToArray();

    /// <summary>Raised when a job arrives or leaves, so the silo can advertise its slots at once.</summary>
    public event Action? Changed;

    /// <summary>Queues <paramref name="assignment"/>; returns at once.</summary>
    public void Start(JobAssignment assignment, Func<EpochRecord, Task> epochFinished, Func<JobReport, Task> finished)
    {
        if (handBack.IsCancellationRequested)
        {
            // Shutting down: the job goes straight back to its coordinator, untouched.
            _ = Deliver(assignment, new JobReport(assignment.JobId, assignment.Attempt, JobState.Suspended, null, null), finished);
            return;
        }
        // The share is known from the moment the job is listed: an advert sent before its thread
        // starts must not claim a whole GPU for it.
        var job = new RunningJob(new CancellationTokenSource(), ShareOf(assignment));
        if (!running.TryAdd(assignment.Key, job))
        {
            job.Cancellation.Dispose(); // already queued or running here
            return;
        }
        Interlocked.Increment(ref started);
        Changed?.Invoke();
        _ = Task.Factory.StartNew(() => Run(assignment, epochFinished, finished, job),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <param name="stoppedEarly">The sweep's early stopping ended the job: it reports stopped early, not cancelled.</param>
    public void Cancel(string jobKey, bool stoppedEarly = false)
    {
        if (!running.TryGetValue(jobKey, out var job)) return;
        if (stoppedEarly) job.StoppedEarly = true;
        job.Cancellation.Cancel();
    }

    /// <summary>
    /// Stops taking jobs and asks each running one to checkpoint and report "suspended"; returns
    /// when all have, or after <paramref name="timeout"/> (they then resume from their last epoch).
    /// </summary>
    public async Task HandBack(TimeSpan timeout)
    {
        Slots = 0;
        Changed?.Invoke();
        await handBack.CancelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (Busy && DateTime.UtcNow < deadline) await Task.Delay(100);
        if (Busy) logger.LogWarning("hand-back timed out after {Timeout}: {Jobs} will resume from their last epoch checkpoint", timeout, string.Join(", ", Jobs));
    }

    async Task Run(JobAssignment assignment, Func<EpochRecord, Task> epochFinished, Func<JobReport, Task> finished, RunningJob job)
    {
        // Every line logged for this job, here and on the trainer's thread, carries SweepId and JobId.
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["SweepId"] = assignment.Sweep, ["JobId"] = assignment.JobId });
        JobReport report;
        var labels = TrainingJobExecutor.LabelsOf(assignment);
        var share = ShareOf(assignment);
        var lane = -1;
        var cancellation = job.Cancellation.Token;
        using var waitOrHandBack = CancellationTokenSource.CreateLinkedTokenSource(cancellation, handBack.Token);
        try
        {
            lane = await lanes.Acquire(share, waitOrHandBack.Token);
            // A GPU lane is a device: the job trains there unless its spec names another.
            var device = Gpus > 0 ? $"cuda:{lane}" : null;
            report = executor.Execute(assignment, device,
                // Progress is news, not a dependency: the job does not wait for the coordinator.
                epoch => epochFinished(epoch).ContinueWith(t => logger.LogWarning(t.Exception, "{JobId}: epoch report lost", assignment.JobId),
                    TaskContinuationOptions.OnlyOnFaulted),
                new JobStop(cancellation, handBack.Token, () => job.StoppedEarly));
        }
        catch (OperationCanceledException)
        {
            var state = !cancellation.IsCancellationRequested ? JobState.Suspended : job.StoppedEarly ? JobState.StoppedEarly : JobState.Cancelled;
            report = new JobReport(assignment.JobId, assignment.Attempt, state, null, null);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Sweep} job {JobId} attempt {Attempt} failed before training", assignment.Sweep, assignment.JobId, assignment.Attempt);
            report = new JobReport(assignment.JobId, assignment.Attempt, JobState.Failed, null, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (lane >= 0) lanes.Release(lane, share);
        }

        logger.LogInformation("{Sweep} job {JobId} attempt {Attempt} ended {Status}", assignment.Sweep, assignment.JobId, assignment.Attempt, report.State.ToText());
        // Off the list before the coordinator hears of it: it may hand the same job straight back (a retry).
        metrics.Jobs.CountEnd(labels, report.State);
        Interlocked.Increment(ref delivering);
        if (running.TryRemove(assignment.Key, out var ended)) ended.Cancellation.Dispose();
        Changed?.Invoke();
        try
        {
            await Deliver(assignment, report, finished);
        }
        finally
        {
            Interlocked.Decrement(ref delivering);
        }
    }

    /// <summary>On a GPU silo a job takes 1/trials_per_gpu of a GPU and trains on that GPU; elsewhere a whole CPU slot.</summary>
    double ShareOf(JobAssignment assignment) => Gpus > 0 ? 1.0 / Math.Max(1, assignment.TrialsPerGpu) : 1.0;

    /// <summary>Delivers a job's end to its coordinator, retried by <see cref="RetryPolicy"/> while its silo may be failing over.</summary>
    async Task Deliver(JobAssignment assignment, JobReport report, Func<JobReport, Task> finished)
    {
        var delivery = RetryPolicy.Create(_ => true, (e, retry) =>
            logger.LogWarning("{Sweep} job {JobId}: reporting the end of attempt {Attempt} failed ({Error}); retry {Retry}", assignment.Sweep, assignment.JobId, assignment.Attempt, e.Message, retry));
        try
        {
            await delivery.ExecuteAsync(async _ => await finished(report));
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Sweep} job {JobId}: could not report the end of attempt {Attempt}", assignment.Sweep, assignment.JobId, assignment.Attempt);
        }
    }

    public void Dispose()
    {
        foreach (var job in running.Values) job.Cancellation.Cancel();
        handBack.Cancel();

        handBack.Dispose();
    }
}

/// <summary>How many jobs a silo trains at once, where datasets live, and the pace of its scheduling chatter.</summary>
public sealed record JobRunnerOptions(int Slots = 1, string? DataRoot = null)
{
    /// <summary>GPUs to train on, one lane each (0: train on the CPU in <see cref="Slots"/> slots).</summary>
    public int Gpus { get; init; }

    /// <summary>How often the silo re-sends its slots to the board (it also sends at once when a job comes or goes).</summary>
    public TimeSpan AdvertisePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the silo wakes the coordinators of unfinished sweeps.</summary>
    public TimeSpan WakePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long shutdown waits for running jobs to checkpoint and hand themselves back.</summary>
    public TimeSpan HandBackTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
