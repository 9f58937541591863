using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Sweeps.Scheduling;

/// <summary>A job that ended for good in an earlier run of the same spec, as its folder's result says.</summary>
public sealed record FinishedResult(string JobId, JobState State, IReadOnlyList<EpochRecord> EpochRecords, double? FinalMetric)
{
    public int Epochs => EpochRecords.Count;
}

/// <summary>Finds the planned jobs whose folders already hold a finished result (completed, diverged or stopped early), so they are not run again.</summary>
public static class FinishedResults
{
    public static IReadOnlyList<FinishedResult> Find(IEnumerable<PlannedJob> jobs)
    {
        var found = new List<FinishedResult>();
        foreach (var job in jobs)
        {
            var path = Path.Combine(job.OutputDirectory, JobFiles.Result);
            if (!File.Exists(path)) continue;
            try
            {
                var result = JobJson.Deserialize(File.ReadAllText(path));
                // Failed and cancelled attempts run again (from their checkpoint); so does a folder of another job.
                if (result.JobId == job.JobId && result.Status is JobState.Completed or JobState.Diverged or JobState.StoppedEarly)
                    found.Add(new FinishedResult(job.JobId, result.Status, result.Epochs, result.FinalMetric));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
            {
                // Unreadable: the job runs again and rewrites it.
            }
        }
        return found;
    }
}
