using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// A study's jobs as the page reaches them: each result by job id, links from the page's folder to
/// job folders that exist there, and a job's per-step rows when its batches.csv can be read.
/// </summary>
internal sealed class StudyJobFolders(string pageFolder, IReadOnlyList<JobResult> results)
{
    readonly Dictionary<string, JobResult> byId = results.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.First());

    public JobResult? Result(string jobId) => byId.GetValueOrDefault(jobId);

    /// <summary>A link to the job's folder; null when the folder is not reachable from the page.</summary>
    public ReportLink? Link(string jobFolder, string text) => ReportLink.ToFolder(pageFolder, jobFolder, text);

    /// <summary>The job's batches.csv rows; null when its folder or the file is not there, or holds no rows.</summary>
    public IReadOnlyList<BatchRecord>? Batches(string jobFolder)
    {
        if (!Directory.Exists(jobFolder)) return null;
        var rows = new JobOutput(jobFolder).ReadBatches();
        return rows.Count == 0 ? null : rows;
    }
}
