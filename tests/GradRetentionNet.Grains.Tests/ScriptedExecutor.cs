using System.Collections.Concurrent;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Grains;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// An executor whose jobs just take <see cref="JobTime"/>, so tests can watch the orchestration
/// (where jobs run, how many at once, what happens when silos go) without training. With a
/// <see cref="ValidationCurve"/> a job reports each of its epochs (JobTime / epochs apart) with
/// that validation metric, for early stopping, and writes its result.json after each epoch as the
/// trainer does (a study chooses its configurations from them).
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
        var result = curve is null ? null : ResultOf(assignment);
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
            var epoch = Epoch(done, curve?.Invoke(assignment, done));
            if (result is not null) Write(assignment, result, epoch);
            epochFinished(epoch);
        }
        if (result is not null && status != JobState.Suspended)
        {
            result.Status = status;
            WriteResult(assignment, result);
        }
        Runs.Enqueue(new Run(silo.SiloAddress.ToParsableString(), assignment.Key, assignment.Attempt, start, DateTime.UtcNow, status, device));
        return new JobReport(assignment.JobId, assignment.Attempt, status, status == JobState.Completed ? 0.5 : null, null, done);
    }

    static JobResult ResultOf(JobAssignment assignment) => new()
    {
        JobId = assignment.JobId,
        Spec = assignment.Spec,
        ResolvedHyperParameters = assignment.Spec.HyperParameters,
        Environment = new RunEnvironment("cpu", "scripted", "linux", "10.0", "none", 1, 1),
        Dataset = new DatasetSummary(assignment.Spec.Dataset, "scripted", "classification", 10, 90, 10, "scripted", 10),
    };

    static void Write(JobAssignment assignment, JobResult result, EpochRecord epoch)
    {
        result.Epochs.Add(epoch);
        WriteResult(assignment, result);
    }

    static void WriteResult(JobAssignment assignment, JobResult result) =>
        Contracts.Files.AtomicFile.WriteText(Path.Combine(assignment.OutputDirectory, JobFiles.Result), JobJson.Serialize(result));

    static EpochRecord Epoch(int epoch, double? validationMetric) =>
        new(epoch, epoch * 10, 1.0, 1.0, 0.5, null, null, 0.1, 0.01, 0, null, null, validationMetric is null ? null : 1 - validationMetric, validationMetric);

    /// <summary>The most jobs that ran at the same time on one silo.</summary>
    public static int PeakConcurrency(IEnumerable<Run> runs) =>
        runs.SelectMany(r => new[] { (Time: r.Start, Delta: 1), (Time: r.End, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta)
            .Aggregate((Now: 0, Peak: 0), (acc, e) => (acc.Now + e.Delta, Math.Max(acc.Peak, acc.Now + e.Delta))).Peak;
}
