using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>The trainer's hooks for live metrics: flushed steps and the GPU memory probe.</summary>
public sealed class TrainerTelemetryTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-trainer-telemetry-").FullName;

    (JobResult Result, List<FlushedSteps> Flushed, int GpuAsked) Run(string optimizer)
    {
        var spec = new JobSpec
        {
            Dataset = "synthetic-quadrants", Model = "simple-cnn", Optimizer = optimizer, Seed = 7, Epochs = 2,
            BatchSize = 32, TestBatchSize = 64, Device = "cpu",
        };
        var flushed = new List<FlushedSteps>();
        var asked = 0;
        using var data = new TrainingData(QuadrantImages.Info, QuadrantImages.Create(1024, 1), QuadrantImages.Create(128, 2));
        var trainer = new Trainer(spec, data, new JobOutput(Path.Combine(folder, optimizer)))
        {
            StepsFlushed = flushed.Add,
            GpuMemory = _ =>
            {
                asked++;
                return new GpuMemoryReading(1, 2);
            },
        };
        return (trainer.Run(), flushed, asked);
    }

    [Fact]
    public void Every_step_reaches_the_callback_once_in_order_with_the_wall_time_of_its_flush()
    {
        var (result, flushed, gpuAsked) = Run("sgd");

        result.Status.Should().Be(JobState.Completed);
        flushed.SelectMany(f => f.Steps).Should().Equal(new JobOutput(Path.Combine(folder, "sgd")).ReadBatches(),
            "each flush hands over exactly the steps that reach batches.csv, which reads them back unchanged");
        flushed.Select(f => f.Steps.Count).Should().Equal(25, 7, 25, 7); // 32 steps an epoch, read back every 25 and at the epoch's end
        flushed.Should().OnlyContain(f => f.WallTime > TimeSpan.Zero && f.Epsilon == null);
        flushed.Sum(f => f.WallTime.TotalSeconds).Should().BeLessThanOrEqualTo(result.Epochs.Sum(e => e.TrainSeconds), "test passes are not step time");
        gpuAsked.Should().Be(0, "the GPU probe is asked only on CUDA");
        result.Epochs.Should().OnlyContain(e => e.GpuMemoryBytes == null && e.GpuPeakMemoryBytes == null);
    }

    [Fact]
    public void EnhancedSGDs_flushes_carry_its_latest_exploration_rate()
    {
        var (result, flushed, _) = Run("enhanced-sgd");

        result.Status.Should().Be(JobState.Completed);
        flushed.Should().OnlyContain(f => f.Epsilon > 0 && f.Epsilon <= 1, "the controller decides every 10 steps, before the first flush");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
