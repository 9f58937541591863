using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Observability;
using GradRetentionNet.Observability.Gpu;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Grains;

/// <summary>
/// Carries what a job's trainer reports onto its gauges and histograms, and reads GPU memory
/// (NVML) for the trainer's epoch records. Runs on the job's training thread.
/// </summary>
internal sealed class JobTelemetry(RunningJob job, NvmlGpus? gpus)
{
    int? cudaIndex;
    long peak;

    public void StepsFlushed(FlushedSteps flushed)
    {
        var last = flushed.Steps[^1];
        job.StepsFinished(flushed.Steps.Count, flushed.WallTime,
            new StepReading(last.Loss, last.GradientMean, last.GradientVariance, last.LearningRate, last.Momentum, flushed.Epsilon));
        // Between epoch ends the peak is sampled at every flush (about every 25 steps).
        if (cudaIndex is { } index) Sample(index);
    }

    public void EpochCompleted(EpochRecord epoch) =>
        job.EpochFinished(epoch.Epoch, epoch.PrimaryMetric, TimeSpan.FromSeconds(epoch.TrainSeconds + epoch.TestSeconds));

    /// <summary>The trainer asks at each epoch's end, on CUDA only. NVML sees the whole device, which a silo's job has to itself.</summary>
    public GpuMemoryReading? GpuMemory(int index)
    {
        cudaIndex = index;
        return Sample(index) is { } used ? new GpuMemoryReading(used, peak) : null;
    }

    long? Sample(int index)
    {
        if (gpus?.Memory(index) is not { } memory) return null;
        peak = Math.Max(peak, memory.UsedBytes);
        return memory.UsedBytes;
    }
}
