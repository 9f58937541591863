using CsvHelper;

namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// Everything a job produced, written as result.json after every epoch so a crash loses at most
/// the epoch in progress. <see cref="SchemaVersion"/> changes whenever the shape does.
/// </summary>
public sealed record JobResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string JobId { get; init; }
    public required JobSpec Spec { get; init; }

    /// <summary>The optimizer's complete hyperparameters, defaults filled in.</summary>
    public required IReadOnlyDictionary<string, string> ResolvedHyperParameters { get; init; }

    public required RunEnvironment Environment { get; init; }
    public required DatasetSummary Dataset { get; init; }
    public long ModelParameters { get; init; }
    /// <summary>Running while it trains; then how it ended (completed, diverged, failed, cancelled, suspended).</summary>
    public JobState Status { get; set; } = JobState.Running;
    public string? Error { get; set; }

    /// <summary>The global step whose loss was not finite, when the job diverged.</summary>
    public long? DivergedAtStep { get; set; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<EpochRecord> Epochs { get; init; } = [];
    public List<BatchRecord> Batches { get; init; } = [];

    /// <summary>Each time the job was resumed from a checkpoint (after a suspension, a lost silo or a crash).</summary>
    public List<ResumeRecord> Resumes { get; init; } = [];

    /// <summary>Training seconds already spent on the unfinished epoch before a suspension (added to that epoch's time).</summary>
    public double PartialEpochTrainSeconds { get; set; }

    /// <summary>Grad-CAM overlays written at the end, relative to the job's folder.</summary>
    public List<string> GradCamImages { get; init; } = [];

    /// <summary>Things that went wrong without spoiling the result (e.g. Grad-CAM images that could not be drawn).</summary>
    public List<string> Warnings { get; init; } = [];

    /// <summary>The last epoch's test metric (accuracy or mIoU), if any epoch finished.</summary>
    public double? FinalMetric => Epochs.Count == 0 ? null : Epochs[^1].PrimaryMetric;
}

/// <summary>A resumption: the epochs complete and the global steps done when training picked up again.</summary>
public sealed record ResumeRecord(int Epoch, long Step, DateTimeOffset At);

/// <summary>Where the job ran.</summary>
public sealed record RunEnvironment(string Device, string MachineName, string OperatingSystem, string DotNet,
    string TorchSharp, int TorchThreads, int ProcessorCount);

/// <summary>The data the job saw.</summary>
public sealed record DatasetSummary(string Name, string Family, string Task, int Classes, long TrainExamples, long TestExamples, string Source);

/// <summary>One epoch: training and test figures, times and memory.</summary>
/// <param name="TrainSeconds">Training time only; the test pass is timed separately.</param>
/// <param name="ProcessMemoryBytes">Resident set size of this process after the epoch.</param>
/// <param name="GpuMemoryBytes">GPU memory used by this process, where a GPU is used and measurable.</param>
/// <param name="GpuPeakMemoryBytes">Highest GPU memory seen so far.</param>
[CsvRecord]
public sealed partial record EpochRecord(
    int Epoch,
    long Steps,
    double TrainLoss,
    double TestLoss,
    double? TestAccuracy,
    [property: System.Text.Json.Serialization.JsonPropertyName("test_miou")] double? TestMeanIoU,
    double? TestPixelAccuracy,
    double TrainSeconds,
    double TestSeconds,
    long ProcessMemoryBytes,
    long? GpuMemoryBytes,
    long? GpuPeakMemoryBytes)
{
    /// <summary>Accuracy for classification, mIoU for segmentation.</summary>
    public double PrimaryMetric => TestAccuracy ?? TestMeanIoU ?? double.NaN;
}

/// <summary>One optimizer step as the trainer recorded it, for every optimizer.</summary>
[CsvRecord]
public sealed partial record BatchRecord(
    long Step,
    int Epoch,
    double Loss,
    double LearningRate,
    double Momentum,
    double GradScale,
    double GradientMean,
    double GradientVariance,
    double ClipFraction);
