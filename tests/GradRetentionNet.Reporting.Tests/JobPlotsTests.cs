using System.Buffers.Binary;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Reporting.Tests;

public sealed class JobPlotsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-plots-").FullName;

    static readonly List<BatchRecord> Batches =
        Enumerable.Range(1, 100).Select(i => new BatchRecord(i, i <= 50 ? 1 : 2, 1.0 / i, 0.01, 0.9, 1, 1e-4, 1e-3 / i, 0.1)).ToList();

    static JobResult Result(bool segmentation) => new()
    {
        JobId = "0123456789ab",
        Spec = new JobSpec { Dataset = "fashion-mnist", Model = "simple-cnn", Optimizer = "enhanced-sgd" },
        ResolvedHyperParameters = new Dictionary<string, string> { ["lr"] = "0.01" },
        Environment = new RunEnvironment("cpu", "test", "linux", "10", "0.107", 2, 2),
        Dataset = new DatasetSummary("fashion-mnist", "mnist", "ImageClassification", 10, 100, 10, "test"),
        Epochs =
        [
            new EpochRecord(1, 50, 0.9, 0.8, segmentation ? null : 0.7, segmentation ? 0.4 : null, segmentation ? 0.8 : null, 1, 0.1, 300 << 20, null, null),
            new EpochRecord(2, 100, 0.6, 0.5, segmentation ? null : 0.8, segmentation ? 0.5 : null, segmentation ? 0.85 : null, 1, 0.1, 310 << 20, null, null),
        ],
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_series_gets_a_real_png(bool segmentation)
    {
        var written = JobPlots.Write(Result(segmentation), Batches, folder);

        written.Select(Path.GetFileName).Should().BeEquivalentTo(
            "loss.png", "metric.png", "memory.png", "batch-lr.png", "batch-grad-variance.png", "batch-grad-mean.png", "batch-loss.png");
        foreach (var path in written)
        {
            var bytes = File.ReadAllBytes(path);
            bytes.Take(8).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A });
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)).Should().Be(900, "IHDR width");
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)).Should().Be(500, "IHDR height");
            bytes.Length.Should().BeGreaterThan(5_000, "a plot with axes and lines, not an empty image");
        }
    }

    [Fact]
    public void A_job_that_never_finished_an_epoch_gets_batch_plots_only()
    {
        var result = Result(false) with { Epochs = [] };
        JobPlots.Write(result, Batches, folder).Select(Path.GetFileName).Should().OnlyContain(name => name!.StartsWith("batch-"));
    }

    [Fact]
    public void A_job_without_batch_rows_gets_epoch_plots_only()
    {
        JobPlots.Write(Result(false), [], folder).Select(Path.GetFileName).Should().BeEquivalentTo("loss.png", "metric.png", "memory.png");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
