using System.Collections.Concurrent;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// An executor whose jobs just take <see cref="JobTime"/>, so tests can watch the orchestration
/// (where jobs run, how many at once, what happens when silos go) without training. With a
/// <see cref="ValidationCurve"/> a job reports each of its epochs (JobTime / epochs apart) with
/// that validation metric, for early stopping.
/// </summary>
public sealed class ScriptedExecutor(ILocalSiloDetails silo) : IJobExecutor
{
    public static TimeSpan JobTime { get; set; } = TimeSpan.FromSeconds(1);

    public static ConcurrentQueue<Run> Runs { get; } = new();

    /// <summary>The validation metric a job reports after an epoch; null: one report of epoch 1 at the end, no validation.</summary>
    public static Func<JobAssignment, int, double>? ValidationCurve { get; set; }

    public sealed record Run(string Silo, string JobKey, int Attempt, DateTime Start, DateTime End, JobState Status, string? Device = null);

    public JobReport Execute(JobAssignment assignment, string? device, Action<EpochRecord> epochFinished, JobStop stop)
    {
        var start = DateTime.UtcNow;
        var status = JobState.Completed;
        var curve = ValidationCurve;
        var epochs = curve is null ? 1 : assignment.Spec.Epochs;
        var done = 0;
        while (status == JobState.Completed && done < epochs)
        {
            var epochStart = DateTime.UtcNow;
            while (DateTime.UtcNow - epochStart < JobTime / epochs)
            {
                if (stop.Cancellation.IsCancellationRequested) { status = stop.StoppedEarly() ? JobState.StoppedEarly : JobState.Cancelled; break; }
                if (stop.Suspend.IsCancellationRequested) { status = JobState.Suspended; break; }
                Thread.Sleep(10);
            }
            if (status != JobState.Completed) break;
            done++;
            epochFinished(Epoch(done, curve?.Invoke(assignment, done)));
        }
        Runs.Enqueue(new Run(silo.SiloAddress.ToParsableString(), assignment.Key, assignment.Attempt, start, DateTime.UtcNow, status, device));
        return new JobReport(assignment.JobId, assignment.Attempt, status, status == JobState.Completed ? 0.5 : null, null, done);
    }

    static EpochRecord Epoch(int epoch, double? validationMetric) =>
        new(epoch, epoch * 10, 1.0, 1.0, 0.5, null, null, 0.1, 0.01, 0, null, null, validationMetric is null ? null : 1 - validationMetric, validationMetric);

    /// <summary>The most jobs that ran at the same time on one silo.</summary>
    public static int PeakConcurrency(IEnumerable<Run> runs) =>
        runs.SelectMany(r => new[] { (Time: r.Start, Delta: 1), (Time: r.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta)
            .Aggregate((Now: 0, Peak: 0), (acc, e) => (acc.Now + e.Delta, Math.Max(acc.Peak, acc.Now + e.Delta))).Peak;
}
