using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Observability;
using GradRetentionNet.Reporting;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>
/// The real executor: takes the job's data from the silo's <see cref="TrainingDataCache"/> and trains it with <see cref="Trainer"/>, resuming from
/// the job folder's checkpoint, with the job's live gauges and histograms fed from the trainer.
/// </summary>
public sealed class TrainingJobExecutor(TrainingDataCache dataCache, SiloMetrics metrics, ILogger<TrainingJobExecutor> logger) : IJobExecutor
{
    public JobReport Execute(JobAssignment assignment, string? device, Action<EpochRecord> epochFinished, JobStop stop)
    {
        var spec = assignment.Spec;
        if (device is not null && spec.Device is "auto" or "cuda") spec = spec with { Device = device };
        logger.LogInformation("{Sweep} job {JobId} attempt {Attempt} starting: {Dataset} {Optimizer} seed {Seed}",
            assignment.Sweep, assignment.JobId, assignment.Attempt, spec.Dataset, spec.Optimizer, spec.Seed);
        var startedAt = DateTimeOffset.UtcNow;
        // Jobs on the same data share one read-only copy of it: loading it once per job was a fixed cost of every job.
        using var lease = dataCache.Acquire(spec, out var dataLoadSeconds);
        var data = lease.Data;
        using var job = metrics.Jobs.Start(LabelsOf(assignment), spec.Epochs); // its gauges go when training ends
        var telemetry = new JobTelemetry(job, metrics.Gpus);
        var output = new JobOutput(assignment.OutputDirectory);
        var trainer = new Trainer(spec, data, output)
        {
            EpochCompleted = epoch =>
            {
                telemetry.EpochCompleted(epoch);
                epochFinished(epoch);
            },
            StepsFlushed = telemetry.StepsFlushed,
            GpuMemory = telemetry.GpuMemory,
            DataLoadSeconds = dataLoadSeconds,
            // explain: in the spec — the same first test images for every job, so optimizers can be compared side by side.
            AfterTraining = (model, result, device) => GradCamImages.Write(model, data.Test, result, output, device, spec.GradCamSamples),
        };
        var result = trainer.Run(cancellation: stop.Cancellation, suspend: stop.Suspend);
        if (result.Status == JobState.Cancelled && stop.StoppedEarly())
        {
            // The epochs it finished stand: its result says why it ended short.
            result.Status = JobState.StoppedEarly;
            output.Write(result);
        }
        var resumedAt = result.Resumes.Count > 0 && result.Resumes[^1].At >= startedAt ? result.Resumes[^1].Epoch : (int?)null;
        return new JobReport(assignment.JobId, assignment.Attempt, result.Status, result.FinalMetric,
            result.Error, result.Epochs.Count, resumedAt);
    }

    /// <summary>The job's metric labels.</summary>
    public static JobLabels LabelsOf(JobAssignment assignment) =>
        new(assignment.Sweep, assignment.JobId, assignment.Spec.Dataset, assignment.Spec.Optimizer, assignment.Spec.Seed);
}
