using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Sweeps.Study;
using ScottPlot;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// Phase 2's curves on a dataset: per optimizer, the mean over its finished evaluation seeds with
/// a min–max band. With five epochs or more, the select_by value per epoch with the target as a
/// dashed line; with fewer, an epoch curve is two or three points, so the training loss per step
/// is drawn from each job's batches.csv instead (epoch ends dashed), when every job's file can be
/// read from the page's folder, else the epoch curve all the same. The per-step loss goes on a log
/// axis when it spans a decade or more: one seed's early spike (a loss of 70 at step 1 against 0.5
/// later) would otherwise flatten every other curve onto the bottom of the plot.
/// </summary>
internal static class EvaluationCurvePlot
{
    /// <summary>The plot and what it shows, in words (the image's alt text).</summary>
    public sealed record Drawn(Plot Plot, string Shows);

    /// <summary>Fewer epochs than this draw the per-step training loss.</summary>
    public const int FewEpochs = 5;

    public static Drawn Of(string dataset, IReadOnlyList<StudyCellResult> cells, StudyJobFolders jobs, string selectBy, bool selectsLoss,
        double? target, OptimizerColours colours)
    {
        var runs = cells.Select(c => (c.Cell.Optimizer, Jobs: c.EvaluationJobs
                .Select(j => (Job: j, Result: jobs.Result(j.JobId)))
                .Where(r => r.Result is { Status: JobState.Completed, Epochs.Count: > 0 })
                .Select(r => (r.Job, Result: r.Result!))
                .ToList()))
            .Where(o => o.Jobs.Count > 0)
            .ToList();
        var epochs = runs.SelectMany(o => o.Jobs).Select(j => j.Result.Epochs.Count).DefaultIfEmpty(0).Max();
        if (epochs < FewEpochs)
        {
            var batches = runs.Select(o => (o.Optimizer, Rows: o.Jobs.Select(j => jobs.Batches(j.Job.OutputDirectory)).ToList())).ToList();
            if (batches.Count > 0 && batches.All(o => o.Rows.All(rows => rows is not null)))
                return new(PerStep(dataset, batches.Select(o => (o.Optimizer, o.Rows.Select(r => r!).ToList())).ToList(), colours),
                    $"training loss per step on {dataset}");
        }
        return new(PerEpoch(dataset, runs.Select(o => (o.Optimizer, o.Jobs.Select(j => j.Result).ToList())).ToList(), selectBy, selectsLoss, target, colours),
            $"{selectBy} per epoch on {dataset}");
    }

    static Plot PerEpoch(string dataset, IReadOnlyList<(string Optimizer, List<JobResult> Results)> runs, string selectBy, bool selectsLoss,
        double? target, OptimizerColours colours)
    {
        var plot = ReportPlot.Create($"{dataset}: {selectBy} per epoch (mean, min–max over evaluation seeds)", "epoch", selectBy);
        PlotAxes.IntegerTicks(plot.Axes.Bottom);
        foreach (var (optimizer, results) in runs)
        {
            var values = results.Select(r => r.Epochs.Select(e => (selectsLoss ? e.ValidationLoss : e.ValidationMetric) ?? double.NaN).ToArray()).ToList();
            var x = Enumerable.Range(1, values.Max(v => v.Length)).Select(e => (double)e).ToArray();
            MeanBand.Add(plot, x, values, MeanBand.Spread.MinToMax, colours.Of(optimizer), $"{optimizer} (n = {values.Count})");
        }
        if (target is { } value)
        {
            var line = plot.Add.HorizontalLine(value);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LineWidth = 1.5f;
            line.LegendText = $"target {StudyText.Number(value)}";
        }
        ReportPlot.LegendOutside(plot);
        return plot;
    }

    internal static Plot PerStep(string dataset, IReadOnlyList<(string Optimizer, List<IReadOnlyList<BatchRecord>> Rows)> runs, OptimizerColours colours)
    {
        var losses = runs.SelectMany(o => o.Rows).SelectMany(r => r).Select(b => b.Loss).Where(double.IsFinite).ToList();
        var logAxis = SpansADecade(losses);
        var plot = ReportPlot.Create($"{dataset}: training loss per step (mean, min–max over evaluation seeds; few epochs)", "step",
            logAxis ? "training loss (batch, log scale)" : "training loss (batch)");
        Func<double, double>? drawAs = logAxis ? Math.Log10 : null;
        foreach (var (optimizer, rows) in runs)
        {
            var x = rows.MaxBy(r => r.Count)!.Select(b => (double)b.Step).ToArray();
            MeanBand.Add(plot, x, rows.Select(r => r.Select(b => b.Loss).ToArray()).ToList(), MeanBand.Spread.MinToMax,
                colours.Of(optimizer), $"{optimizer} (n = {rows.Count})", drawAs);
        }
        if (logAxis)
        {
            PlotAxes.Log10Ticks(plot.Axes.Left, losses.Select(Math.Log10));
            PlotAxes.ShowMinorGrid(plot);
        }
        // Dashed lines where an epoch ends, read from the longest run's rows.
        var longest = runs.SelectMany(o => o.Rows).MaxBy(r => r.Count)!;
        foreach (var end in longest.Zip(longest.Skip(1)).Where(p => p.Second.Epoch != p.First.Epoch).Select(p => p.First.Step))
        {
            var line = plot.Add.VerticalLine(end);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray.WithAlpha(0.7);
            line.LineWidth = 1;
        }
        ReportPlot.LegendOutside(plot);
        return plot;
    }

    /// <summary>Positive values whose largest is at least ten times the smallest: a log axis shows them all.</summary>
    internal static bool SpansADecade(IReadOnlyCollection<double> values) =>
        values.Count > 0 && values.All(v => v > 0) && values.Max() >= 10 * values.Min();
}
