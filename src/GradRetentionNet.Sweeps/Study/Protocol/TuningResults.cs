using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Sweeps.Study.Protocol;

/// <summary>Reads what a study's tuning jobs wrote, for <see cref="StudySelection"/>.</summary>
public static class TuningResults
{
    /// <summary>Each job with its result.json; null where there is none, it cannot be read, or it belongs to another job.</summary>
    public static IReadOnlyList<(PlannedJob Job, JobResult? Result)> Read(IEnumerable<PlannedJob> jobs) =>
        jobs.Select(job => (job, ReadOne(job))).ToList();

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
