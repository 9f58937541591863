using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Reporting.SweepSections;
using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Reporting;

/// <summary>
/// A sweep's report page (report.html, <see cref="ReportPage"/>): per dataset, the sweep's metric
/// (the test metric, or the validation metric when the sweep has a validation split) per epoch of
/// each optimizer (mean over seeds with a ±1 sd band) as a PNG, with the Grad-CAM maps of each
/// optimizer's best job when they are beside the report; then the aggregate table (mean, sd, 95 %
/// interval, time to target, Welch test against the best baseline, rank), sortable, each row
/// linking to its seeds' job folders when they are beside the report (grn run's layout).
/// </summary>
public static class SweepReport
{
    /// <summary>Writes report.html and curves-&lt;dataset&gt;.png into <paramref name="folder"/>; returns the HTML's path.</summary>
    /// <param name="folder">The report's folder; job folders are looked for in its parent (outputRoot/sweep/dataset/optimizer/seed-…).</param>
    /// <param name="sweep">The sweep's name.</param>
    /// <param name="results">Every job's result.</param>
    /// <param name="aggregate">The sweep's aggregate of those results.</param>
    public static string Write(string folder, string sweep, IReadOnlyList<JobResult> results, SweepAggregate aggregate)
    {
        Directory.CreateDirectory(folder);
        var page = new ReportPage($"Sweep {sweep}");
        foreach (var dataset in results.Select(r => r.Spec.Dataset).Distinct().Order(StringComparer.Ordinal))
        {
            page.Section(dataset);
            var completed = results.Where(r => r.Spec.Dataset == dataset && r.Status == JobState.Completed).ToList();
            PlotImages.Add(page, SweepCurves.Of(dataset, completed, aggregate.Metric), folder, $"curves-{PlotImages.FileNamePart(dataset)}.png",
                $"{SweepMetricName.Of(aggregate.Metric)} per epoch on {dataset}");
            if (SweepGradCam.Of(folder, sweep, results.Where(r => r.Spec.Dataset == dataset).ToList(), aggregate.Metric) is { } gradCam)
            {
                page.Subsection(SweepGradCam.Heading);
                page.Table(gradCam);
            }
        }
        page.Section("Final metric over seeds");
        page.Table(SweepAggregateTable.Of(folder, sweep, results, aggregate));
        return page.Write(folder);
    }
}
