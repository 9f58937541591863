using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Sweeps.Study.Protocol;

/// <summary>
/// One tuning trial as the selection sees it: how it ended and after how many epochs (the
/// coordinator's record) and what its folder's result.json holds (null when none can be read).
/// </summary>
public sealed record TuningOutcome(PlannedJob Job, JobState State, int EpochsDone, JobResult? Result);

/// <summary>Reads what a study's tuning jobs wrote, for <see cref="StudySelection"/>.</summary>
public static class TuningResults
{
    public static IReadOnlyList<TuningOutcome> Read(IEnumerable<(PlannedJob Job, JobState State, int EpochsDone)> trials) =>
        trials.Select(t => new TuningOutcome(t.Job, t.State, t.EpochsDone, ReadOne(t.Job))).ToList();

    /// <summary>The job's result; null where there is none, it cannot be read, or it belongs to another job.</summary>
    static JobResult? ReadOne(PlannedJob job)
    {
        var path = Path.Combine(job.OutputDirectory, JobFiles.Result);
        try
        {
            return File.Exists(path) && JobJson.Deserialize(File.ReadAllText(path)) is { } result && result.JobId == job.JobId ? result : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            return null; // a trial whose result cannot be read offers nothing to choose from
        }
    }
}
