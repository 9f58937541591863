using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>
/// Jobs that sleep their length (<see cref="JobLengths"/>) and report one epoch, so the
/// orchestration — dispatch, epoch reports, job ends and their storage — is all that is measured.
/// </summary>
public sealed class SleepingJobExecutor(ILocalSiloDetails silo, JobLengths lengths, JobRuns runs) : IJobExecutor
{
    /// <summary>The one epoch a sleeping job reports: figures of a plausible job, no validation split.</summary>
    static readonly EpochRecord Epoch = new(1, 10, 0.5, 0.5, 0.9, null, null, 0.1, 0.01, 0, null, null);

    public JobReport Execute(JobAssignment assignment, string? device, Action<EpochRecord> epochFinished, JobStop stop)
    {
        var start = DateTime.UtcNow;
        Thread.Sleep(lengths.Of(assignment.JobId));
        epochFinished(Epoch);
        runs.CountEpochReport();
        runs.Add(new JobRun(assignment.JobId, silo.SiloAddress.ToParsableString(), start, DateTime.UtcNow));
        return new JobReport(assignment.JobId, assignment.Attempt, JobState.Completed, 1.0, null, 1);
    }
}
