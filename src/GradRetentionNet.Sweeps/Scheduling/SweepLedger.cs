using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>
/// A sweep's transitions, without Orleans or I/O: which job to dispatch next, what a report or a
/// lost silo does to a job, when the sweep stops, completes or fails, what cancel and retry do.
/// The coordinator grain feeds it events and persists what it marks changed
/// (<see cref="TakeChanged"/>). Lookups are by id and pending jobs wait in plan order, so every
/// event costs the same however large the sweep.
/// </summary>
public sealed class SweepLedger
{
    readonly Dictionary<string, LedgerEntry> jobs;
    readonly IReadOnlyList<LedgerEntry> plan;
    readonly SortedSet<int> pending = [];
    readonly HashSet<LedgerEntry> running = [];
    readonly Dictionary<JobState, int> counts = JobStates.All.ToDictionary(s => s, _ => 0);
    readonly HashSet<LedgerEntry> changed = [];
    readonly EarlyStopping.EarlyStopping? earlyStopping;

    /// <param name="planned">The expanded spec, in plan order.</param>
    /// <param name="records">Persisted records by job id; a job without one is pending and untried.</param>
    /// <param name="earlyStopping">The sweep's early stopping, if its spec asks for it; rebuilt here from the records' curves.</param>
    public SweepLedger(string sweep, IReadOnlyList<PlannedJob> planned, IReadOnlyDictionary<string, JobRecord> records,
        SweepState state, int maxAttempts, int maxFailedTrials, EarlyStopping.EarlyStopping? earlyStopping = null)
    {
        this.earlyStopping = earlyStopping;
        Sweep = sweep;
        State = state;
        MaxAttempts = maxAttempts;
        MaxFailedTrials = maxFailedTrials;
        plan = planned.Select(p => new LedgerEntry(p, records.TryGetValue(p.JobId, out var r) ? r.Copy() : new JobRecord())).ToList();
        jobs = plan.ToDictionary(e => e.JobId, StringComparer.Ordinal);
        foreach (var entry in plan)
        {
            Track(entry, entry.Record.State, +1);
            if (entry.Record.Curve is { } curve) earlyStopping?.Replay(entry.Plan, curve);
        }
    }

    public string Sweep { get; }
    public SweepState State { get; private set; }
    public int MaxAttempts { get; }
    public int MaxFailedTrials { get; }
    public int Count => plan.Count;
    public bool Running => State == SweepState.Running;

    /// <summary>Every state with its count (0 where none).</summary>
    public IReadOnlyDictionary<JobState, int> Counts => new Dictionary<JobState, int>(counts);

    /// <summary>The jobs handed to a trainer and not yet ended.</summary>
    public IReadOnlyCollection<LedgerEntry> RunningJobs => running;

    public IReadOnlyList<LedgerEntry> Jobs => plan;

    public LedgerEntry? Find(string jobId) => jobs.GetValueOrDefault(jobId);

    /// <summary>The records changed since the last call, to persist; each job at most once.</summary>
    public IReadOnlyList<LedgerEntry> TakeChanged()
    {
        var taken = changed.ToList();
        changed.Clear();
        return taken;
    }

    /// <summary>The pending job to dispatch next (plan order); null when none waits or the sweep is not running.</summary>
    public LedgerEntry? NextPending() => Running && pending.Count > 0 ? plan[pending.Min] : null;

    /// <summary>The job goes to a trainer: running, one more dispatch, one more attempt charged.</summary>
    public JobAssignment Dispatch(LedgerEntry job, string outputRoot, int trialsPerGpu, DateTimeOffset now)
    {
        Require(job, JobState.Pending);
        Change(job, JobState.Running, r =>
        {
            r.Dispatches++;
            r.Attempts++;
            r.DispatchedAt = now;
        });
        return new JobAssignment(Sweep, job.JobId, job.Plan.Spec, job.Plan.OutputDirectory, job.Record.Dispatches, trialsPerGpu);
    }

    /// <summary>The trainer took the job on <paramref name="silo"/>.</summary>
    public void Placed(LedgerEntry job, string silo) => Change(job, job.Record.State, r => r.Silo = silo);

    /// <summary>The dispatch did not reach a trainer: pending again, the attempt not charged.</summary>
    public void DispatchFailed(LedgerEntry job) => Change(job, JobState.Pending, r => r.Attempts--);

    /// <summary>
    /// An epoch report of the current dispatch: recorded, and put to the early-stopping rule. A stale
    /// or late report changes nothing. A trial the rule stops ends here, as stopped early: its
    /// slot is free at once and no report of its trainer changes it afterwards.
    /// </summary>
    public EpochOutcome EpochFinished(EpochReport report)
    {
        if (jobs.GetValueOrDefault(report.JobId) is not { } job || job.Record.Dispatches != report.Attempt || job.Record.State != JobState.Running)
            return EpochOutcome.Ignored;
        if (report.Epoch <= job.Record.EpochsDone) return EpochOutcome.Ignored;
        var value = earlyStopping?.ValueOf(report);
        var stop = value is { } v && earlyStopping!.Report(job.Plan, report.Epoch, v);
        Change(job, stop ? JobState.StoppedEarly : JobState.Running, r =>
        {
            r.EpochsDone = report.Epoch;
            if (value is { } recorded) (r.Curve ??= []).Add(recorded);
            if (stop) r.FinalMetric = report.TestMetric;
        });
        return stop ? EpochOutcome.StoppedEarly : EpochOutcome.Recorded;
    }

    /// <summary>An attempt's end. Each job's end is recorded once: a report of an earlier dispatch changes nothing.</summary>
    public JobEnd JobFinished(JobReport report)
    {
        if (jobs.GetValueOrDefault(report.JobId) is { Record.State: JobState.StoppedEarly } stopped && stopped.Record.Dispatches == report.Attempt)
            return AfterStop(stopped, report);
        if (jobs.GetValueOrDefault(report.JobId) is not { } job || job.Record.Dispatches != report.Attempt || job.Record.State != JobState.Running)
            return new JobEnd(JobEndKind.Ignored, null);

        var (state, kind) = report.State switch
        {
            // Handed back by a silo shutting down: not the job's fault, so not charged.
            JobState.Suspended => (JobState.Pending, JobEndKind.HandedBack),
            JobState.Failed or JobState.Cancelled when Running && job.Record.Attempts < MaxAttempts => (JobState.Pending, JobEndKind.Retried),
            JobState.Pending or JobState.Running or JobState.Suspended => (JobState.Failed, JobEndKind.Settled),
            var ended => (ended, JobEndKind.Settled),
        };
        Change(job, state, r =>
        {
            // Epoch reports are fire-and-forget and may arrive after this one: this count is final.
            r.EpochsDone = Math.Max(r.EpochsDone, report.EpochsDone);
            r.ResumedAtEpoch = report.ResumedAtEpoch ?? r.ResumedAtEpoch;
            r.FinalMetric = report.FinalMetric;
            r.Error = report.Error;
            if (kind == JobEndKind.HandedBack) r.Attempts--;
        });
        return new JobEnd(kind, job, report.State);
    }

    /// <summary>The stopped trial's trainer reports how far it got: the record follows the result it wrote.</summary>
    JobEnd AfterStop(LedgerEntry job, JobReport report)
    {
        var finishedFirst = report.State is JobState.Completed or JobState.Diverged;
        if (!finishedFirst && report.EpochsDone <= job.Record.EpochsDone) return new JobEnd(JobEndKind.Ignored, null);
        Change(job, finishedFirst ? report.State : JobState.StoppedEarly, r =>
        {
            r.EpochsDone = Math.Max(r.EpochsDone, report.EpochsDone);
            r.FinalMetric = report.FinalMetric ?? r.FinalMetric;
        });
        return new JobEnd(JobEndKind.AfterStop, job, report.State);
    }

    /// <summary>A running job's silo is gone: pending again (charged), or failed once its attempts are spent.</summary>
    public JobState SiloLost(LedgerEntry job)
    {
        Require(job, JobState.Running);
        var spent = job.Record.Attempts >= MaxAttempts;
        Change(job, spent ? JobState.Failed : JobState.Pending, r =>
        {
            if (spent) r.Error = $"its silo {r.Silo} was lost on attempt {r.Attempts} of {MaxAttempts}";
        });
        return job.Record.State;
    }

    /// <summary>
    /// A job that ended for good in an earlier run of the same spec (its folder holds a finished
    /// result): recorded as it ended, never dispatched or rewritten; its curve goes into the early
    /// stopping's memory as if it had just reported.
    /// </summary>
    public void Adopt(FinishedResult finished)
    {
        // A failed or cancelled attempt runs again (from its checkpoint); only a result that stands is adopted.
        if (jobs.GetValueOrDefault(finished.JobId) is not { } job || job.Record.State != JobState.Pending
            || finished.State is not (JobState.Completed or JobState.Diverged or JobState.StoppedEarly)) return;
        var curve = earlyStopping?.CurveOf(finished.EpochRecords);
        Change(job, finished.State, r =>
        {
            r.EpochsDone = finished.Epochs;
            r.FinalMetric = finished.FinalMetric;
            r.Curve = curve is null ? null : [.. curve];
        });
        if (curve is not null) earlyStopping!.Replay(job.Plan, curve);
    }

    /// <summary>
    /// What the sweep does after its jobs changed: stop after max_failed_trials failures; when every
    /// job has finished, complete (at least one completed) or fail (none did). The new state, or
    /// null when it keeps running.
    /// </summary>
    public SweepState? Settle()
    {
        if (!Running) return null;
        if (counts[JobState.Failed] >= MaxFailedTrials)
        {
            CancelUnfinished();
            return State = SweepState.Stopped;
        }
        if (counts.Where(c => !c.Key.IsFinished()).Sum(c => c.Value) > 0) return null;
        return State = counts[JobState.Completed] > 0 ? SweepState.Completed : SweepState.Failed;
    }

    /// <summary>Cancels a running sweep: its unfinished jobs become cancelled; returns those that were running (their trainers must stop). A finished sweep stays as it finished.</summary>
    public IReadOnlyList<LedgerEntry> Cancel()
    {
        if (!Running) return [];
        State = SweepState.Cancelled;
        return CancelUnfinished();
    }

    /// <summary>Failed and cancelled jobs go back to pending with a fresh attempt budget; the sweep runs again. False when there is nothing to retry.</summary>
    public bool RetryFailed()
    {
        var again = plan.Where(j => j.Record.State is JobState.Failed or JobState.Cancelled).ToList();
        if (again.Count == 0) return false;
        foreach (var job in again)
            Change(job, JobState.Pending, r =>
            {
                r.Attempts = 0;
                r.Error = null;
            });
        State = SweepState.Running;
        return true;
    }

    public SweepStatus Status(bool withJobs) =>
        new(Sweep, State, Counts, withJobs ? plan.Select(Row).ToArray() : null);

    static JobStatusRow Row(LedgerEntry job) =>
        new(job.JobId, job.Plan.Spec.Dataset, job.Plan.Spec.Optimizer, job.Plan.Spec.Seed, job.Plan.GridPoint, job.Record.State,
            job.Record.Attempts, job.Record.EpochsDone, job.Record.FinalMetric, job.Record.Error, job.Plan.OutputDirectory,
            job.Record.Silo, job.Record.ResumedAtEpoch);

    List<LedgerEntry> CancelUnfinished()
    {
        var wasRunning = running.ToList();
        foreach (var job in plan.Where(j => !j.Record.State.IsFinished()).ToList()) Change(job, JobState.Cancelled, _ => { });
        return wasRunning;
    }

    void Change(LedgerEntry job, JobState state, Action<JobRecord> update)
    {
        Track(job, job.Record.State, -1);
        update(job.Record);
        job.Record.State = state;
        Track(job, state, +1);
        changed.Add(job);
    }

    void Track(LedgerEntry job, JobState state, int delta)
    {
        counts[state] += delta;
        // Suspended is a report, never a record's state; a record persisted as such is pending.
        var waiting = state is JobState.Pending or JobState.Suspended;
        if (waiting && delta > 0) pending.Add(job.Plan.Index);
        if (waiting && delta < 0) pending.Remove(job.Plan.Index);
        if (state == JobState.Running && delta > 0) running.Add(job);
        if (state == JobState.Running && delta < 0) running.Remove(job);
    }

    static void Require(LedgerEntry job, JobState state)
    {
        if (job.Record.State != state)
            throw new InvalidOperationException($"job {job.JobId} is {job.Record.State.ToText()}, not {state.ToText()}");
    }
}
