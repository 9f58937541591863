using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>The real executor: loads the job's data and trains it with <see cref="Trainer"/>, resuming from the job folder's checkpoint.</summary>
public sealed class TrainingJobExecutor(JobRunnerOptions options, ILogger<TrainingJobExecutor> logger) : IJobExecutor
{
    public JobReport Execute(JobAssignment assignment, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend)
    {
        var spec = System.Text.Json.JsonSerializer.Deserialize<JobSpec>(assignment.SpecJson, JobJson.Options)!;
        logger.LogInformation("{Sweep} job {JobId} attempt {Attempt} starting: {Dataset} {Optimizer} seed {Seed}",
            assignment.Sweep, assignment.JobId, assignment.Attempt, spec.Dataset, spec.Optimizer, spec.Seed);
        var startedAt = DateTimeOffset.UtcNow;
        using var data = JobDataLoader.Load(spec, options.DataRoot);
        var trainer = new Trainer(spec, data, new JobOutput(assignment.OutputDirectory)) { EpochCompleted = epoch => epochFinished(epoch.Epoch) };
        var result = trainer.Run(cancellation: cancellation, suspend: suspend);
        var resumedAt = result.Resumes.Count > 0 && result.Resumes[^1].At >= startedAt ? result.Resumes[^1].Epoch : (int?)null;
        return new JobReport(assignment.JobId, assignment.Attempt, result.Status.ToString().ToLowerInvariant(), result.FinalMetric,
            result.Error, result.Epochs.Count, resumedAt);
    }
}
