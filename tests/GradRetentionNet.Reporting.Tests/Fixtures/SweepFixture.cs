using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Scheduling;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace GradRetentionNet.Reporting.Tests.Fixtures;

/// <summary>
/// A finished grid sweep laid out as grn run leaves it: sgd and enhanced-sgd at two learning rates
/// on three seeds, 4 epochs with a validation split, each job's folder under the sweep's with a
/// result.json and one Grad-CAM map, and the report's folder being the sweep's own.
/// </summary>
public sealed class SweepFixture
{
    public const string Name = "lr-grid";
    public const string Dataset = "mnist-digits-10k";

    public SweepFixture(string outputRoot)
    {
        ReportFolder = Path.Combine(outputRoot, Name);
        foreach (var optimizer in new[] { "sgd", "enhanced-sgd" })
            foreach (var lr in new[] { 0.01, 0.1 })
                foreach (var seed in new long[] { 1, 2, 3 })
                {
                    var behaviour = optimizer == "sgd" ? new Behaviour(0.955, 0.05, 1.4) : new Behaviour(0.972, 0.08, 1.0);
                    var spec = SyntheticJobs.Spec(Dataset, optimizer, seed, 4, new Dictionary<string, string> { ["lr"] = $"{lr}" });
                    var seedOffset = SyntheticJobs.Gaussian(new Random((int)seed), 0.004);
                    var (result, batches) = SyntheticJobs.Run(spec, behaviour, SyntheticJobs.Plateau(behaviour, lr), seedOffset,
                        JobState.Completed, 4, new Random((int)(1000 * lr) + 10 * (int)seed + optimizer.Length));
                    var folder = PlannedJob.FolderOf(outputRoot, Name, spec, result.JobId);
                    var map = Path.Combine("gradcam", "sample-0-label-7-predicted-7.png");
                    Directory.CreateDirectory(Path.Combine(folder, "gradcam"));
                    GradCamLike(Path.Combine(folder, map), seed);
                    result.GradCamImages.Add(map);
                    SyntheticJobs.WriteFolder(folder, result, batches);
                    Results.Add(result);
                }
        Aggregate = Aggregator.Aggregate(Results, MetricChoice.ValidationMetric, target: 0.94);
    }

    // An image beside a heat map, like GradCamImages draws: a grey disc, and the disc under a warm blob.
    static void GradCamLike(string path, long seed)
    {
        using var image = new Image<Rgb24>(112, 56);
        for (var y = 0; y < 56; y++)
            for (var x = 0; x < 112; x++)
            {
                var (cx, cy) = (x % 56 - 28, y - 28);
                var disc = cx * cx + cy * cy < 300 ? 200 : 30;
                var heat = Math.Exp(-((cx - 4 * seed + 8) * (cx - 4 * seed + 8) + cy * cy) / 150.0);
                image[x, y] = x < 56
                    ? new Rgb24((byte)disc, (byte)disc, (byte)disc)
                    : new Rgb24((byte)(0.5 * disc + 127 * heat), (byte)(0.5 * disc + 60 * heat), (byte)(0.5 * disc + 127 * (1 - heat)));
            }
        image.SaveAsPng(path);
    }

    public string ReportFolder { get; }

    public List<JobResult> Results { get; } = [];

    public SweepAggregate Aggregate { get; }
}
