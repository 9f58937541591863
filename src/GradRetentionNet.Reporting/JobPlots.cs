using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;
using ScottPlot;

namespace GradRetentionNet.Reporting;

/// <summary>The PNG plots of one job: per-epoch loss, test metric and memory; per-batch lr and gradient statistics.</summary>
public static class JobPlots
{
    const int Width = 900;
    const int Height = 500;

    /// <summary>
    /// Writes every plot the result and its batch rows have data for into <paramref name="directory"/>;
    /// returns the files written.
    /// </summary>
    /// <param name="result">The job's result: its epochs.</param>
    /// <param name="batches">The job's per-batch rows (<see cref="JobOutput.ReadBatches"/>).</param>
    /// <param name="directory">Where the PNG files go.</param>
    public static IReadOnlyList<string> Write(JobResult result, IReadOnlyList<BatchRecord> batches, string directory)
    {
        Directory.CreateDirectory(directory);
        var title = $"{result.Spec.Optimizer} on {result.Dataset.Name} (seed {result.Spec.Seed})";
        var written = new List<string>();
        void Save(Plot plot, string name)
        {
            var path = Path.Combine(directory, name);
            plot.SavePng(path, Width, Height);
            written.Add(path);
        }

        if (result.Epochs.Count > 0)
        {
            var epochs = result.Epochs.Select(e => (double)e.Epoch).ToArray();
            // With a validation split, validation is what the sweep chose on: drawn beside test.
            var validated = result.Epochs.All(e => e.ValidationLoss is not null);
            var loss = Lines(title, "epoch", "loss",
                ("train", epochs, result.Epochs.Select(e => e.TrainLoss).ToArray()),
                ("test", epochs, result.Epochs.Select(e => e.TestLoss).ToArray()));
            if (validated) AddLine(loss, "validation", epochs, result.Epochs.Select(e => e.ValidationLoss!.Value).ToArray());
            Save(loss, "loss.png");

            var metricName = result.Epochs[0].TestAccuracy is not null ? "test accuracy" : "test mIoU";
            var metric = Lines(title, "epoch", metricName, (metricName, epochs, result.Epochs.Select(e => e.PrimaryMetric).ToArray()));
            if (validated)
                AddLine(metric, metricName.Replace("test", "validation"), epochs, result.Epochs.Select(e => e.ValidationMetric ?? double.NaN).ToArray());
            if (result.Epochs[0].TestPixelAccuracy is not null)
                AddLine(metric, "pixel accuracy", epochs, result.Epochs.Select(e => e.TestPixelAccuracy ?? double.NaN).ToArray());
            Save(metric, "metric.png");

            var memory = Lines(title, "epoch", "MiB", ("process resident", epochs, result.Epochs.Select(e => e.ProcessMemoryBytes / 1048576.0).ToArray()));
            if (result.Epochs.Any(e => e.GpuMemoryBytes is not null))
                AddLine(memory, "GPU", epochs, result.Epochs.Select(e => (e.GpuMemoryBytes ?? 0) / 1048576.0).ToArray());
            Save(memory, "memory.png");
        }

        if (batches.Count > 0)
        {
            var steps = batches.Select(b => (double)b.Step).ToArray();
            Save(Lines(title, "step", "learning rate", ("effective lr", steps, batches.Select(b => b.LearningRate).ToArray())), "batch-lr.png");
            // Gradient variance spans orders of magnitude: plot its log10.
            Save(Lines(title, "step", "log10 gradient variance",
                ("variance", steps, batches.Select(b => Math.Log10(Math.Max(b.GradientVariance, 1e-30))).ToArray())), "batch-grad-variance.png");
            Save(Lines(title, "step", "gradient mean", ("mean", steps, batches.Select(b => b.GradientMean).ToArray())), "batch-grad-mean.png");
            Save(Lines(title, "step", "batch loss", ("loss", steps, batches.Select(b => b.Loss).ToArray())), "batch-loss.png");
        }
        return written;
    }

    static Plot Lines(string title, string xLabel, string yLabel, params (string Label, double[] X, double[] Y)[] series)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        foreach (var (label, x, y) in series) AddLine(plot, label, x, y);
        plot.ShowLegend();
        return plot;
    }

    static void AddLine(Plot plot, string label, double[] x, double[] y)
    {
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.MarkerSize = x.Length > 50 ? 0 : 5;
    }
}
