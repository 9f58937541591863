using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>
/// One per sweep. Expands the spec into jobs (ids from their resolved configuration), persists
/// the plan and every job's state, dispatches jobs to trainer grains, retries failed attempts
/// up to max_attempts, stops the sweep after max_failed_trials failed jobs, and cancels.
/// </summary>
public sealed class SweepCoordinatorGrain(
    [PersistentState("sweep", "sweeps")] IPersistentState<SweepState> sweep,
    IGrainFactory grains,
    ILogger<SweepCoordinatorGrain> logger) : Grain, ISweepCoordinatorGrain
{
    string Name => this.GetPrimaryKeyString();

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
        await sweep.WriteStateAsync();
        await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).Add(Name);
        logger.LogInformation("{Sweep} fanned out {Jobs} jobs", Name, sweep.State.Jobs.Count);
        foreach (var job in sweep.State.Jobs) await Dispatch(job);
        await sweep.WriteStateAsync();
        return Status();
    }

    public Task<SweepStatus> GetStatus() => Task.FromResult(Status());

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
            job.Attempts = 0;
            job.Error = null;
            await Dispatch(job);
        }
        await sweep.WriteStateAsync();
        return Status();
    }

    public async Task EpochFinished(string jobId, int attempt, int epoch)
    {
        var job = sweep.State.Jobs.FirstOrDefault(j => j.JobId == jobId);
        if (job is null || job.Attempts != attempt || job.Finished) return;
        job.EpochsDone = Math.Max(job.EpochsDone, epoch);
        await sweep.WriteStateAsync();
    }

    public async Task JobFinished(JobReport report)
    {
        var job = sweep.State.Jobs.FirstOrDefault(j => j.JobId == report.JobId);
        // A report from an older attempt, or for a job already settled, is recorded once only.
        if (job is null || job.Attempts != report.Attempt || job.Finished) return;

        job.FinalMetric = report.FinalMetric;
        job.Error = report.Error;
        // Epoch reports are fire-and-forget and may arrive after this one: this count is final.
        job.EpochsDone = Math.Max(job.EpochsDone, report.EpochsDone);
        if (report.Status == "failed" && job.Attempts < sweep.State.MaxAttempts && sweep.State.State == "running")
        {
            logger.LogWarning("{Sweep} job {JobId} attempt {Attempt} failed ({Error}); retrying", Name, job.JobId, job.Attempts, report.Error);
            await Dispatch(job);
        }
        else
        {
            job.State = report.Status;
        }

        if (sweep.State.State == "running" && sweep.State.Jobs.Count(j => j.State == "failed") >= sweep.State.MaxFailedTrials)
        {
            logger.LogWarning("{Sweep} stopped: {Failed} jobs failed (max_failed_trials {Max})", Name, sweep.State.Jobs.Count(j => j.State == "failed"), sweep.State.MaxFailedTrials);
            await Stop("stopped");
            return;
        }
        if (sweep.State.State == "running" && sweep.State.Jobs.All(j => j.Finished))
        {
            sweep.State.State = "completed";
            logger.LogInformation("{Sweep} completed", Name);
        }
        await sweep.WriteStateAsync();
    }

    async Task Dispatch(JobEntry job)
    {
        job.Attempts++;
        job.State = "running";
        await grains.GetGrain<ITrainerGrain>(job.JobId).Start(new JobAssignment(Name, job.JobId, job.SpecJson, job.OutputDirectory, job.Attempts));
    }

    async Task Stop(string state)
    {
        sweep.State.State = state;
        foreach (var job in sweep.State.Jobs.Where(j => !j.Finished))
        {
            job.State = "cancelled";
            await grains.GetGrain<ITrainerGrain>(job.JobId).Cancel();
        }
        await sweep.WriteStateAsync();
    }

    /// <summary>The spec this sweep runs (for aggregation by API callers).</summary>
    public Task<string> GetSpec() => Task.FromResult(sweep.RecordExists ? sweep.State.SpecYaml : "");

    SweepStatus Status() => new(Name, sweep.RecordExists ? sweep.State.State : "unknown", sweep.State.Jobs.Select(j => j.ToRow()).ToArray());
}
