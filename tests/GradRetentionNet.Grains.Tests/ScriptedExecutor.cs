using System.Collections.Concurrent;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// An executor whose jobs just take <see cref="JobTime"/>, so tests can watch the orchestration
/// (where jobs run, how many at once, what happens when silos go) without training.
/// </summary>
public sealed class ScriptedExecutor(ILocalSiloDetails silo) : IJobExecutor
{
    public static TimeSpan JobTime { get; set; } = TimeSpan.FromSeconds(1);

    public static ConcurrentQueue<Run> Runs { get; } = new();

    public sealed record Run(string Silo, string JobKey, int Attempt, DateTime Start, DateTime End, JobState Status, string? Device = null);

    public JobReport Execute(JobAssignment assignment, string? device, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend)
    {
        var start = DateTime.UtcNow;
        var status = JobState.Completed;
        while (DateTime.UtcNow - start < JobTime)
        {
            if (cancellation.IsCancellationRequested) { status = JobState.Cancelled; break; }
            if (suspend.IsCancellationRequested) { status = JobState.Suspended; break; }
            Thread.Sleep(10);
        }
        if (status == JobState.Completed) epochFinished(1);
        Runs.Enqueue(new Run(silo.SiloAddress.ToParsableString(), assignment.Key, assignment.Attempt, start, DateTime.UtcNow, status, device));
        return new JobReport(assignment.JobId, assignment.Attempt, status, status == JobState.Completed ? 0.5 : null, null, status == JobState.Completed ? 1 : 0);
    }

    /// <summary>The most jobs that ran at the same time on one silo.</summary>
    public static int PeakConcurrency(IEnumerable<Run> runs) =>
        runs.SelectMany(r => new[] { (Time: r.Start, Delta: 1), (Time: r.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta)
            .Aggregate((Now: 0, Peak: 0), (acc, e) => (acc.Now + e.Delta, Math.Max(acc.Peak, acc.Now + e.Delta))).Peak;
}
