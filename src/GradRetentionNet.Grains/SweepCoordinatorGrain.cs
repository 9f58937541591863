using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains.Legacy;
using GradRetentionNet.Observability;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Scheduling.EarlyStopping;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study.Protocol;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace GradRetentionNet.Grains;

/// <summary>
/// One per sweep: the I/O around a <see cref="SweepLedger"/>, which decides every transition. It
/// persists the plan once (and the sweep's state when it changes), each job's record through its
/// <see cref="JobRecordGrain"/> when that job changes, reserves slots on the slot board, hands jobs
/// to trainer grains on the reserved silos, checks membership for lost silos, and writes the
/// aggregate when the sweep ends. A study (a spec with <c>protocol:</c>) is one sweep in two phases:
/// when its tuning phase settles the coordinator chooses each optimizer's configuration
/// (<see cref="StudySelection"/>), persists the choices with the phase, and runs the evaluation
/// phase's jobs in a second ledger; the tuning ledger stays, finished, for status.
/// </summary>
public sealed class SweepCoordinatorGrain(
    [PersistentState("plan", "sweeps")] IPersistentState<SweepPlanState> plan,
    [PersistentState("sweep", "sweeps")] IPersistentState<LegacySweepRecord> legacy,
    IGrainFactory grains,
    IClusterMembershipService membership,
    SiloMetrics metrics,
    ILogger<SweepCoordinatorGrain> logger) : Grain, ISweepCoordinatorGrain
{
    /// <summary>How often a running sweep looks for lost jobs and free slots (finished jobs trigger dispatch at once).</summary>
    static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    /// <summary>A silo missing from membership altogether counts as lost only after this long (it may be joining).</summary>
    static readonly TimeSpan UnknownSiloGrace = TimeSpan.FromSeconds(30);

    /// <summary>Job records read at once when a coordinator of a big sweep wakes up.</summary>
    const int LoadBatch = 512;

    IGrainTimer? ticker;

    /// <summary>The current phase's jobs (all of an ordinary sweep's).</summary>
    SweepLedger? ledger;

    /// <summary>A study's finished tuning phase, once it evaluates; null otherwise.</summary>
    SweepLedger? tuned;

    string Name => this.GetPrimaryKeyString();
    ISlotBoardGrain Board => grains.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
    ISweepIndexGrain Index => grains.GetGrain<ISweepIndexGrain>(GrainKeys.SweepIndex);
    SweepSubmission Submission => plan.State.Submission!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.RecordExists && !plan.RecordExists) await ConvertLegacy();
        if (!plan.RecordExists || plan.State.Submission is null) return;
        var planned = SweepExpander.Plan(Submission.Spec, Submission.OutputRoot);
        if (plan.State.Phase == StudyPhase.Evaluate)
        {
            tuned = NewLedger(planned, await LoadRecords(planned), SweepState.Completed, earlyStopping: false);
            planned = StudyPlan.Evaluate(Submission.Spec, plan.State.Choices ?? [], Submission.OutputRoot);
        }
        ledger = NewLedger(planned, await LoadRecords(planned), plan.State.State, earlyStopping: plan.State.Phase != StudyPhase.Evaluate);
        PublishCounts();
        if (ledger.Running) StartTicking();
    }

    /// <param name="earlyStopping">Whether the spec's early stopping applies: never to a study's evaluation phase, which runs full length.</param>
    SweepLedger NewLedger(IReadOnlyList<PlannedJob> planned, IReadOnlyDictionary<string, JobRecord> records, SweepState state, bool earlyStopping = true) =>
        new(Name, planned, records, state, Submission.Spec.MaxAttempts, Submission.Spec.MaxFailedTrials, earlyStopping ? NewEarlyStopping() : null);

    EarlyStopping? NewEarlyStopping() =>
        Submission.Spec.EarlyStop is { } rule ? new EarlyStopping(rule, Submission.Spec.Epochs) : null;

    public async Task<SweepStatus> Submit(SweepSubmission submission)
    {
        if (ledger is not null)
        {
            if (Submission.SpecYaml != submission.SpecYaml)
                throw new ArgumentException($"a different sweep named '{Name}' exists: give this one another name");
            return Status(withJobs: true); // resubmission: nothing is duplicated
        }

        plan.State = new SweepPlanState { Submission = submission, State = SweepState.Running, Phase = submission.Spec.Protocol is null ? null : StudyPhase.Tune };
        var planned = SweepExpander.Plan(submission.Spec, submission.OutputRoot);
        ledger = NewLedger(planned, new Dictionary<string, JobRecord>(), SweepState.Running);
        // Jobs that ended in an earlier run of this spec (e.g. grn run again after a crash) keep their results untouched.
        foreach (var finished in await Task.Run(() => FinishedResults.Find(planned))) ledger.Adopt(finished);
        await plan.WriteStateAsync();
        await Index.Add(Name);
        logger.LogInformation("{Sweep} planned {Jobs} jobs ({Reused} finished earlier)", Name, ledger.Count, ledger.Count - ledger.Counts[JobState.Pending]);
        await Settle();
        StartTicking();
        return Status(withJobs: true);
    }

    public Task<SweepStatus> GetStatus(bool withJobs = true) =>
        Task.FromResult(ledger is null ? new SweepStatus(Name, SweepState.Failed, SweepStatus.CountsOf([]), withJobs ? [] : null) : Status(withJobs));

    /// <summary>
    /// The current phase's status; a study's counts and rows cover its finished tuning phase too. A
    /// study whose tuning has settled but whose evaluation has not started (it is retried on the next
    /// activation) is still running: only the stored state says it has ended.
    /// </summary>
    SweepStatus Status(bool withJobs)
    {
        var current = ledger!.Status(withJobs) with { Phase = plan.State.Phase };
        if (plan.State.Phase == StudyPhase.Tune && plan.State.State == SweepState.Running && current.State is SweepState.Completed or SweepState.Failed)
            current = current with { State = SweepState.Running };
        if (tuned is null) return current;
        var earlier = tuned.Status(withJobs);
        return current with
        {
            Counts = JobStates.All.ToDictionary(state => state, state => earlier.Count(state) + current.Count(state)),
            Jobs = withJobs ? [.. earlier.Jobs!, .. current.Jobs!] : null,
        };
    }

    public Task<SweepSubmission?> GetSubmission() => Task.FromResult(plan.RecordExists ? plan.State.Submission : null);

    public Task Wake() => Task.CompletedTask; // activation (OnActivateAsync) is the point

    public async Task<SweepStatus> Cancel()
    {
        if (ledger is null) return await GetStatus();
        var wasRunning = ledger.Running;
        await StopTrainers(ledger.Cancel());
        if (wasRunning) await Ended();
        return Status(withJobs: true);
    }

    public async Task<SweepStatus> RetryFailed()
    {
        if (ledger is null) return await GetStatus();
        if (ledger.RetryFailed())
        {
            await SaveState();
            await Index.MarkActive(Name);
            await Settle();
            StartTicking();
        }
        return Status(withJobs: true);
    }

    public async Task EpochFinished(EpochReport report)
    {
        if (ledger is null) return;
        switch (ledger.EpochFinished(report))
        {
            case EpochOutcome.Recorded:
                await PersistJobs();
                break;
            case EpochOutcome.StoppedEarly:
                var job = ledger.Find(report.JobId)!;
                logger.LogInformation("{Sweep} job {JobId} stopped early after epoch {Epoch} ({Rule})", Name, job.JobId, report.Epoch, Submission.Spec.EarlyStop!.Type.ToString().ToLowerInvariant());
                await StopTrainers([job], (trainer, _) => trainer.StopEarly());
                await Settle(); // its slot is free: the next trial starts now
                break;
        }
    }

    public async Task JobFinished(JobReport report)
    {
        if (ledger is null) return;
        var end = ledger.JobFinished(report);
        if (end.Kind == JobEndKind.Ignored) return;
        var job = end.Job!;
        if (end.Kind == JobEndKind.AfterStop)
        {
            await PersistJobs(); // its slot was freed when it was stopped
            return;
        }
        await Board.Release(Key(job));
        switch (end.Kind)
        {
            case JobEndKind.HandedBack:
                logger.LogInformation("{Sweep} job {JobId} handed back by {Silo} at epoch {Epoch}; it resumes elsewhere", Name, job.JobId, job.Record.Silo, job.Record.EpochsDone);
                break;
            case JobEndKind.Retried:
                metrics.CountRetry(Name);
                logger.LogWarning("{Sweep} job {JobId} attempt {Attempt} ended {State} ({Error}); retrying", Name, job.JobId, job.Record.Attempts, end.Reported?.ToText(), report.Error);
                break;
        }
        await Settle();
    }

    /// <summary>Stops, completes or fails the sweep when its jobs say so, dispatches what is pending, and persists the changes.</summary>
    async Task Settle()
    {
        var ledger = this.ledger!;
        var failedBefore = ledger.Counts[JobState.Failed];
        if (ledger.Settle() is { } ended)
        {
            if (plan.State.Phase == StudyPhase.Tune && ended is SweepState.Completed or SweepState.Failed)
            {
                await MoveToEvaluation();
                return;
            }
            if (ended == SweepState.Stopped)
            {
                logger.LogWarning("{Sweep} stopped: {Failed} jobs failed (max_failed_trials {Max})", Name, failedBefore, ledger.MaxFailedTrials);
                await StopTrainers(ledger.RunningJobs.ToList());
            }
            else logger.Log(ended == SweepState.Completed ? LogLevel.Information : LogLevel.Warning, "{Sweep} {State}", Name, ended.ToText());
            await Ended();
            return;
        }
        await DispatchPending();
        await PersistJobs();
    }

    /// <summary>
    /// A study's tuning phase has ended: choose on validation, persist the choices with the phase,
    /// and start the evaluation jobs (adopting any an earlier run of the same spec finished). A
    /// coordinator that dies before the plan is written tunes nothing again: its tuning jobs are
    /// finished, so it settles straight back here and makes the same choices from the same results.
    /// </summary>
    async Task MoveToEvaluation()
    {
        try
        {
            await BeginEvaluation();
        }
        catch (Exception e)
        {
            // Storage still says "tuning": the next activation (any status call) settles back here and tries again.
            logger.LogError(e, "{Study}: could not start the evaluation phase ({Error}); retrying on the next activation", Name, e.Message);
            DeactivateOnIdle();
        }
    }

    async Task BeginEvaluation()
    {
        await PersistJobs();
        var spec = Submission.Spec;
        var tuning = ledger!.Jobs.Select(j => (j.Plan, j.Record.State, j.Record.EpochsDone)).ToList();
        // File reads: off the grain scheduler.
        var choices = await Task.Run(() => StudySelection.Choose(spec.Protocol!, TuningResults.Read(tuning)));
        if (choices.Count == 0)
        {
            logger.LogWarning("{Study}: no tuning trial gave a validation value to choose on; the study ends without an evaluation phase", Name);
            await Ended();
            return;
        }
        var planned = StudyPlan.Evaluate(spec, choices, Submission.OutputRoot);
        var evaluation = NewLedger(planned, new Dictionary<string, JobRecord>(), SweepState.Running, earlyStopping: false);
        foreach (var finished in await Task.Run(() => FinishedResults.Find(planned))) evaluation.Adopt(finished);
        (tuned, ledger) = (ledger, evaluation);
        plan.State.Phase = StudyPhase.Evaluate;
        plan.State.Choices = [.. choices];
        plan.State.State = SweepState.Running;
        await plan.WriteStateAsync();
        foreach (var choice in choices)
            logger.LogInformation("{Study} chose {Optimizer} on {Dataset}: {Configuration} (median best {SelectBy} {Value:F4} over {Seeds} tuning seed(s), {Configurations} configurations tuned)",
                Name, choice.Optimizer, choice.Dataset, PlannedJob.GridPointText(choice.HyperParameters), spec.Protocol!.SelectBy, choice.SelectionValue, spec.Protocol.TuneSeeds.Count, choice.Configurations);
        logger.LogInformation("{Study}: tuning done; evaluating {Choices} choices on {Seeds} seeds ({Jobs} jobs)", Name, choices.Count, spec.Protocol!.EvaluateSeeds.Count, planned.Count);
        await Settle();
    }

    /// <summary>The sweep has ended: its state, its jobs, the index and the aggregate.</summary>
    async Task Ended()
    {
        await PersistJobs();
        await SaveState();
        await Index.MarkFinished(Name);
        await WriteAggregate();
    }

    async Task SaveState()
    {
        plan.State.State = ledger!.State;
        await plan.WriteStateAsync();
    }

    /// <summary>Writes the records of the jobs that changed (each its own small record) and publishes the counts.</summary>
    async Task PersistJobs()
    {
        var changed = ledger!.TakeChanged();
        if (changed.Count == 0) return;
        await Task.WhenAll(changed.Select(job => grains.GetGrain<IJobRecordGrain>(JobRecordGrain.KeyOf(Name, job.JobId)).Save(job.Record.Copy())));
        PublishCounts();
    }

    void PublishCounts() => metrics.PublishJobCounts(this, Name, Status(withJobs: false).Counts);

    async Task<IReadOnlyDictionary<string, JobRecord>> LoadRecords(IReadOnlyList<PlannedJob> planned)
    {
        var records = new Dictionary<string, JobRecord>(StringComparer.Ordinal);
        foreach (var batch in planned.Chunk(LoadBatch))
        {
            var loaded = await Task.WhenAll(batch.Select(job => grains.GetGrain<IJobRecordGrain>(JobRecordGrain.KeyOf(Name, job.JobId)).Load()));
            for (var i = 0; i < batch.Length; i++)
                if (loaded[i] is { } record) records[batch[i].JobId] = record;
        }
        return records;
    }

    /// <summary>A sweep persisted by an older coordinator (one record with every job) moves into the plan and job records.</summary>
    async Task ConvertLegacy()
    {
        var (submission, state, jobs) = LegacySweepConversion.Convert(Name, legacy.State);
        await Task.WhenAll(jobs.Select(job => grains.GetGrain<IJobRecordGrain>(JobRecordGrain.KeyOf(Name, job.Key)).Save(job.Value)));
        plan.State = new SweepPlanState { Submission = submission, State = state };
        await plan.WriteStateAsync();
        await legacy.ClearStateAsync();
        logger.LogInformation("{Sweep}: moved {Jobs} jobs from the older single-record format into job records", Name, jobs.Count);
    }

    /// <summary>
    /// The sweep's aggregate over seeds, as aggregate.json in its folder on the shared volume.
    /// Reading every job's result is file work: it runs off the grain scheduler. A failure is
    /// logged, never fatal: grn results and grn report aggregate on demand as well.
    /// </summary>
    async Task WriteAggregate()
    {
        // Grain state is read here, on the scheduler; the task below only touches files.
        var directories = (tuned?.Jobs ?? []).Concat(ledger!.Jobs).Select(j => j.Plan.OutputDirectory).ToList();
        var spec = Submission.Spec;
        var folder = Path.Combine(Submission.OutputRoot, Name);
        try
        {
            await Task.Run(() => SweepAggregation.WriteAggregateFile(spec, directories, folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            logger.LogWarning("{Sweep}: could not write {Folder}/aggregate.json ({Error})", Name, folder, e.Message);
        }
    }

    void StartTicking() =>
        ticker ??= this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true });

    async Task Tick(CancellationToken cancellation)
    {
        if (ledger is not { Running: true })
        {
            ticker?.Dispose();
            ticker = null;
            return;
        }
        await ReclaimLostJobs();
        await Settle();
    }

    /// <summary>Running jobs whose silo membership declared dead go back to pending (charged) or fail after max_attempts.</summary>
    async Task ReclaimLostJobs()
    {
        var members = membership.CurrentSnapshot.Members;
        foreach (var job in ledger!.RunningJobs.Where(j => j.Record.Silo is not null).ToList())
        {
            var silo = SiloAddress.FromParsableString(job.Record.Silo!);
            var dead = members.TryGetValue(silo, out var member)
                ? member.Status == SiloStatus.Dead
                : DateTimeOffset.UtcNow - job.Record.DispatchedAt > UnknownSiloGrace;
            if (!dead) continue;
            await Board.Release(Key(job));
            var state = ledger.SiloLost(job);
            if (state == JobState.Pending) metrics.CountRetry(Name);
            logger.LogWarning("{Sweep} job {JobId}: silo {Silo} is gone at epoch {Epoch}; job {State}", Name, job.JobId, job.Record.Silo, job.Record.EpochsDone, state.ToText());
        }
    }

    /// <summary>Hands pending jobs, in plan order, to silos with a free slot.</summary>
    async Task DispatchPending()
    {
        var ledger = this.ledger!;
        while (ledger.NextPending() is { } job)
        {
            var silo = await Board.Reserve(Key(job), Submission.Spec.TrialsPerGpu);
            if (silo is null) return; // no free slot: the next tick or the next finished job tries again
            var assignment = ledger.Dispatch(job, Submission.OutputRoot, Submission.Spec.TrialsPerGpu, DateTimeOffset.UtcNow);
            try
            {
                // The hint places the new trainer activation on the reserved silo.
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                var placed = await grains.GetGrain<ITrainerGrain>(TrainerGrain.KeyOf(Name, job.JobId, assignment.Attempt)).Start(assignment);
                ledger.Placed(job, placed.ToParsableString());
            }
            catch (Exception e)
            {
                logger.LogWarning("{Sweep} job {JobId}: dispatch to {Silo} failed ({Error}); it stays pending", Name, job.JobId, silo, e.Message);
                await Board.Release(Key(job));
                ledger.DispatchFailed(job);
                return;
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }

    /// <summary>Frees the slots of jobs that were running and asks their trainers to stop (cancel, unless told otherwise).</summary>
    async Task StopTrainers(IReadOnlyList<LedgerEntry> wereRunning, Func<ITrainerGrain, LedgerEntry, Task>? stop = null)
    {
        foreach (var job in wereRunning)
        {
            await Board.Release(Key(job));
            try
            {
                var trainer = grains.GetGrain<ITrainerGrain>(TrainerGrain.KeyOf(Name, job.JobId, job.Record.Dispatches));
                await (stop ?? ((t, _) => t.Cancel()))(trainer, job);
            }
            catch (Exception e)
            {
                logger.LogWarning("{Sweep} job {JobId}: cancel did not reach its trainer ({Error})", Name, job.JobId, e.Message);
            }
        }
    }

    string Key(LedgerEntry job) => JobAssignment.KeyOf(Name, job.JobId);
}
