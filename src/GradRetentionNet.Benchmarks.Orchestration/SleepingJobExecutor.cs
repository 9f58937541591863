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
    public JobReport Execute(JobAssignment assignment, string? device, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend)
    {
        var start = DateTime.UtcNow;
        Thread.Sleep(lengths.Of(assignment.JobId));
        epochFinished(1);
        runs.CountEpochReport();
        runs.Add(new JobRun(assignment.JobId, silo.SiloAddress.ToParsableString(), start, DateTime.UtcNow));
        return new JobReport(assignment.JobId, assignment.Attempt, JobState.Completed, 1.0, null, 1);
    }
}
