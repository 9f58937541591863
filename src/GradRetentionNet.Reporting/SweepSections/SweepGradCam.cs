using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Scheduling;

namespace GradRetentionNet.Reporting.SweepSections;

/// <summary>
/// Where each optimizer's model looks: per optimizer, its best completed job's Grad-CAM maps of
/// the same test images (explain: in the spec), side by side. Only maps found beside the report —
/// in the sweep's own folder, where grn run writes it — are shown.
/// </summary>
internal static class SweepGradCam
{
    public const string Heading = "Grad-CAM: where each optimizer's best model looks (the same test images)";

    /// <summary>The table, or null when no optimizer has maps beside the report.</summary>
    public static ReportTable? Of(string folder, string sweep, IReadOnlyList<JobResult> results, MetricChoice metric)
    {
        var outputRoot = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        var rows = new List<(string Optimizer, string Configuration, ReportLink? Job, List<string> Images)>();
        foreach (var optimizer in results.Select(r => r.Spec.Optimizer).Distinct().Order(StringComparer.Ordinal))
        {
            var candidates = results.Where(r => r.Spec.Optimizer == optimizer && r.Status == JobState.Completed && r.GradCamImages.Count > 0 && r.Epochs.Count > 0);
            var best = metric.Goal == Goal.HigherIsBetter
                ? candidates.MaxBy(r => metric.ValueOf(r.Epochs[^1]))
                : candidates.MinBy(r => metric.ValueOf(r.Epochs[^1]));
            if (best is null) continue;
            var jobFolder = PlannedJob.FolderOf(outputRoot, sweep, best.Spec, best.JobId);
            var images = best.GradCamImages.Select(image => Path.GetRelativePath(folder, Path.Combine(jobFolder, image)))
                .Where(image => File.Exists(Path.Combine(folder, image))).ToList();
            if (images.Count == 0) continue;
            var configuration = GridPoint.From(best.Spec.HyperParameters.ToDictionary()).Canonical;
            rows.Add((optimizer, $"{configuration} seed {best.Spec.Seed}".Trim(), ReportLink.ToFolder(folder, jobFolder, $"job {best.JobId}"), images));
        }
        if (rows.Count == 0) return null;

        var samples = rows.Max(r => r.Images.Count);
        var columns = new List<ReportColumn> { new("optimizer"), new("best job") };
        columns.AddRange(Enumerable.Range(0, samples).Select(i => new ReportColumn($"image {i + 1}")));
        var table = new ReportTable(columns, sortable: false);
        foreach (var (optimizer, configuration, job, images) in rows)
        {
            var cells = new List<ReportCell> { ReportCell.Of(optimizer), new(configuration + " ", Links: job is null ? [] : [job]) };
            cells.AddRange(Enumerable.Range(0, samples).Select(i => i < images.Count
                ? new ReportCell("", Image: new ReportImage(images[i], Path.GetFileNameWithoutExtension(images[i]), 224))
                : ReportCell.Of(null)));
            table.Add(cells);
        }
        return table;
    }
}
