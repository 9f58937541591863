using System.Collections.Concurrent;
using GradRetentionNet.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Grains;

namespace GradRetentionNet.Benchmarks.Orchestration;

/// <summary>Jobs that take exactly <see cref="Length"/> and record when they ran and on which silo: the orchestration is all that is measured.</summary>
public sealed class FixedLengthJobExecutor(ILocalSiloDetails silo) : IJobExecutor
{
    public static TimeSpan Length { get; set; } = TimeSpan.FromSeconds(1);

    public static ConcurrentQueue<JobRun> Runs { get; } = new();

    public JobReport Execute(JobAssignment assignment, string? device, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend)
    {
        var start = DateTime.UtcNow;
        Thread.Sleep(Length);
        epochFinished(1);
        Runs.Enqueue(new JobRun(silo.SiloAddress.ToParsableString(), start, DateTime.UtcNow));
        return new JobReport(assignment.JobId, assignment.Attempt, JobState.Completed, 1.0, null, 1);
    }
}

public sealed record JobRun(string Silo, DateTime Start, DateTime End);
