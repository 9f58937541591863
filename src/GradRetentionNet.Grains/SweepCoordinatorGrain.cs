using GradRetentionNet.Observability;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace GradRetentionNet.Grains;

/// <summary>
/// One per sweep. Expands the spec into jobs (ids from their resolved configuration), persists
/// the plan and every job's state, and dispatches pending jobs to trainer grains on silos with a
/// free slot (reserved on the slot board). Jobs of a silo that died are dispatched again and
/// resume from their checkpoint; failed and lost attempts are retried up to max_attempts; the
/// sweep stops after max_failed_trials failed jobs. Every job's end is recorded once: reports
/// from an earlier dispatch are ignored.
/// </summary>
public sealed class SweepCoordinatorGrain(
    [PersistentState("sweep", "sweeps")] IPersistentState<SweepState> sweep,
    IGrainFactory grains,
    IClusterMembershipService membership,
    SiloMetrics metrics,
    ILogger<SweepCoordinatorGrain> logger) : Grain, ISweepCoordinatorGrain
{
    /// <summary>How often a running sweep looks for lost jobs and free slots (finished jobs trigger dispatch at once).</summary>
    static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);

    /// <summary>A silo missing from membership altogether counts as lost only after this long (it may be joining).</summary>
    static readonly TimeSpan UnknownSiloGrace = TimeSpan.FromSeconds(30);

    IGrainTimer? ticker;

    string Name => this.GetPrimaryKeyString();
    bool Running => sweep.RecordExists && sweep.State.State == "running";
    ISlotBoardGrain Board => grains.GetGrain<ISlotBoardGrain>(SlotBoardGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (sweep.RecordExists) metrics.PublishJobCounts(this, Name, sweep.State.Jobs);
        if (Running) StartTicking();
        return Task.CompletedTask;
    }

    /// <summary>Writes the plan and publishes its counts per state (grn_sweep_jobs).</summary>
    async Task Persist()
    {
        await sweep.WriteStateAsync();
        metrics.PublishJobCounts(this, Name, sweep.State.Jobs);
    }

    public async Task<SweepStatus> Submit(SweepSubmission submission)
    {
        if (sweep.RecordExists && sweep.State.Jobs.Count > 0)
        {
            if (sweep.State.SpecYaml != submission.SpecYaml)
                throw new ArgumentException($"a different sweep named '{Name}' exists: give this one another name");
            return Status(); // resubmission: nothing is duplicated
        }

        var spec = SweepSpecParser.Parse(submission.SpecYaml, submission.Source);
        var jobs = SweepExpander.Expand(spec, submission.Source);
        sweep.State = new SweepState
        {
            SpecYaml = submission.SpecYaml,
            OutputRoot = submission.OutputRoot,
            State = "running",
            MaxAttempts = spec.MaxAttempts,
            MaxFailedTrials = spec.MaxFailedTrials,
            TrialsPerGpu = spec.TrialsPerGpu,
            Jobs = jobs.Select(job => new JobEntry
            {
                JobId = job.Id,
                SpecJson = System.Text.Json.JsonSerializer.Serialize(job.Spec, JobJson.Options),
                OutputDirectory = Path.Combine(submission.OutputRoot, Name, job.Spec.Dataset, job.Spec.Optimizer, $"seed-{job.Spec.Seed}-{job.Id}"),
                Dataset = job.Spec.Dataset,
                Optimizer = job.Spec.Optimizer,
                Seed = job.Spec.Seed,
                GridPoint = string.Join(",", job.GridPoint.Select(p => $"{p.Key}={p.Value}")),
            }).ToList(),
        };
        await Persist();
        await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).Add(Name);
        logger.LogInformation("{Sweep} planned {Jobs} jobs", Name, sweep.State.Jobs.Count);
        await DispatchPending();
        await Persist();
        StartTicking();
        return Status();
    }

    public Task<SweepStatus> GetStatus() => Task.FromResult(Status());

    public Task<string> GetSpec() => Task.FromResult(sweep.RecordExists ? sweep.State.SpecYaml : "");

    public Task Wake() => Task.CompletedTask; // activation (OnActivateAsync) is the point

    public async Task<SweepStatus> Cancel()
    {
        if (!sweep.RecordExists) return Status();
        await Stop("cancelled");
        return Status();
    }

    public async Task<SweepStatus> RetryFailed()
    {
        if (!sweep.RecordExists) return Status();
        sweep.State.State = "running";
        foreach (var job in sweep.State.Jobs.Where(j => j.State is "failed" or "cancelled"))
        {
            job.State = "pending";
            job.Attempts = 0;
            job.Error = null;
        }
        await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).MarkActive(Name);
        await DispatchPending();
        await Settle();
        StartTicking();
        return Status();
    }

    public async Task EpochFinished(string jobId, int attempt, int epoch)
    {
        var job = sweep.State.Jobs.FirstOrDefault(j => j.JobId == jobId);
        if (job is null || job.Dispatches != attempt || job.State != "running") return;
        job.EpochsDone = Math.Max(job.EpochsDone, epoch);
        await Persist();
    }

    public async Task JobFinished(JobReport report)
    {
        var job = sweep.State.Jobs.FirstOrDefault(j => j.JobId == report.JobId);
        // A report from an earlier dispatch, or for a job already settled, changes nothing.
        if (job is null || job.Dispatches != report.Attempt || job.State != "running") return;
        await Board.Release(job.Key(Name));

        // Epoch reports are fire-and-forget and may arrive after this one: this count is final.
        job.EpochsDone = Math.Max(job.EpochsDone, report.EpochsDone);
        job.ResumedAtEpoch = report.ResumedAtEpoch ?? job.ResumedAtEpoch;
        job.FinalMetric = report.FinalMetric;
        job.Error = report.Error;
        switch (report.Status)
        {
            case "suspended":
                // Handed back by a silo shutting down: not the job's fault, so not charged.
                job.State = "pending";
                job.Attempts--;
                logger.LogInformation("{Sweep} job {JobId} handed back by {Silo} at epoch {Epoch}; it resumes elsewhere", Name, job.JobId, job.Silo, job.EpochsDone);
                break;
            case "failed" or "cancelled" when Running && job.Attempts < sweep.State.MaxAttempts:
                job.State = "pending";
                metrics.CountRetry(Name);
                logger.LogWarning("{Sweep} job {JobId} attempt {Attempt} ended {Status} ({Error}); retrying", Name, job.JobId, job.Attempts, report.Status, report.Error);
                break;
            default:
                job.State = report.Status;
                break;
        }
        await Settle();
    }

    /// <summary>Stops the sweep, completes it, or dispatches what is pending; then persists.</summary>
    async Task Settle()
    {
        var failed = sweep.State.Jobs.Count(j => j.State == "failed");
        if (Running && failed >= sweep.State.MaxFailedTrials)
        {
            logger.LogWarning("{Sweep} stopped: {Failed} jobs failed (max_failed_trials {Max})", Name, failed, sweep.State.MaxFailedTrials);
            await Stop("stopped");
            return;
        }
        if (Running && sweep.State.Jobs.All(j => j.Finished))
        {
            sweep.State.State = "completed";
            logger.LogInformation("{Sweep} completed", Name);
            await WriteAggregate();
            await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).MarkFinished(Name);
        }
        await DispatchPending();
        await Persist();
    }

    /// <summary>
    /// The sweep's aggregate over seeds, as aggregate.json in its folder on the shared volume.
    /// Reading every job's result is file work: it runs off the grain scheduler. A failure is
    /// logged, never fatal: grn results and grn report aggregate on demand as well.
    /// </summary>
    async Task WriteAggregate()
    {
        var spec = SweepSpecParser.Parse(sweep.State.SpecYaml, Name);
        var directories = sweep.State.Jobs.Select(j => j.OutputDirectory).ToList();
        var folder = Path.Combine(sweep.State.OutputRoot, Name);
        try
        {
            await Task.Run(() =>
            {
                var aggregate = Sweeps.Aggregation.SweepResults.Aggregate(spec, directories);
                Directory.CreateDirectory(folder);
                var path = Path.Combine(folder, "aggregate.json");
                File.WriteAllText(path + ".tmp", System.Text.Json.JsonSerializer.Serialize(aggregate, JobJson.Options));
                File.Move(path + ".tmp", path, overwrite: true);
            });
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
        if (!Running)
        {
            ticker?.Dispose();
            ticker = null;
            return;
        }
        var lost = await ReclaimLostJobs();
        var dispatched = await DispatchPending();
        if (lost) await Settle();
        else if (dispatched) await Persist();
    }

    /// <summary>Running jobs whose silo membership declared dead go back to pending (charged) or fail after max_attempts.</summary>
    async Task<bool> ReclaimLostJobs()
    {
        var members = membership.CurrentSnapshot.Members;
        var any = false;
        foreach (var job in sweep.State.Jobs.Where(j => j.State == "running" && j.Silo is not null))
        {
            var silo = SiloAddress.FromParsableString(job.Silo!);
            var dead = members.TryGetValue(silo, out var member)
                ? member.Status == SiloStatus.Dead
                : DateTimeOffset.UtcNow - job.DispatchedAt > UnknownSiloGrace;
            if (!dead) continue;
            any = true;
            await Board.Release(job.Key(Name));
            if (job.Attempts >= sweep.State.MaxAttempts)
            {
                job.State = "failed";
                job.Error = $"its silo {job.Silo} was lost on attempt {job.Attempts} of {sweep.State.MaxAttempts}";
            }
            else
            {
                job.State = "pending";
                metrics.CountRetry(Name);
            }
            logger.LogWarning("{Sweep} job {JobId}: silo {Silo} is gone at epoch {Epoch}; job {State}", Name, job.JobId, job.Silo, job.EpochsDone, job.State);
        }
        return any;
    }

    /// <summary>Hands pending jobs, in plan order, to silos with a free slot; true when any went out.</summary>
    async Task<bool> DispatchPending()
    {
        var any = false;
        foreach (var job in sweep.State.Jobs.Where(j => j.State == "pending"))
        {
            if (!Running) break;
            var silo = await Board.Reserve(job.Key(Name), sweep.State.TrialsPerGpu);
            if (silo is null) break; // no free slot: the next tick or the next finished job tries again
            job.Dispatches++;
            job.Attempts++;
            job.State = "running";
            job.DispatchedAt = DateTimeOffset.UtcNow;
            var assignment = new JobAssignment(Name, job.JobId, job.SpecJson, job.OutputDirectory, job.Dispatches, sweep.State.TrialsPerGpu);
            try
            {
                // The hint places the new trainer activation on the reserved silo.
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                job.Silo = (await grains.GetGrain<ITrainerGrain>(TrainerGrain.KeyOf(Name, job.JobId, job.Dispatches)).Start(assignment)).ToParsableString();
            }
            catch (Exception e)
            {
                logger.LogWarning("{Sweep} job {JobId}: dispatch to {Silo} failed ({Error}); it stays pending", Name, job.JobId, silo, e.Message);
                await Board.Release(job.Key(Name));
                job.State = "pending";
                job.Attempts--;
                break;
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
            any = true;
        }
        return any;
    }

    async Task Stop(string state)
    {
        sweep.State.State = state;
        foreach (var job in sweep.State.Jobs.Where(j => !j.Finished))
        {
            if (job.State == "running")
            {
                await Board.Release(job.Key(Name));
                try
                {
                    await grains.GetGrain<ITrainerGrain>(TrainerGrain.KeyOf(Name, job.JobId, job.Dispatches)).Cancel();
                }
                catch (Exception e)
                {
                    logger.LogWarning("{Sweep} job {JobId}: cancel did not reach its trainer ({Error})", Name, job.JobId, e.Message);
                }
            }
            job.State = "cancelled";
        }
        await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).MarkFinished(Name);
        await Persist();
        await WriteAggregate(); // of the jobs that finished
    }

    SweepStatus Status() => new(Name, sweep.RecordExists ? sweep.State.State : "unknown", sweep.State.Jobs.Select(j => j.ToRow()).ToArray());
}
