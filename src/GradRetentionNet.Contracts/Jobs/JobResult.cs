using CsvHelper;

namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// Everything a job produced but its per-batch rows (those are appended to batches.csv), written as
/// result.json after every epoch so a crash loses at most the epoch in progress. It grows by one
/// <see cref="EpochRecord"/> an epoch, not with the number of batches. <see cref="SchemaVersion"/>
/// changes whenever the shape does: version 1 also listed every batch. An optional field added later
/// (absent, or null, in results written before it) keeps the version: every reader ignores fields it
/// does not know, and reads a missing one as null.
/// </summary>
public sealed record JobResult
{
    public const int CurrentSchemaVersion = 2;

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

    /// <summary>Optimizer steps done over the whole run: one row each in batches.csv.</summary>
    public long Steps { get; set; }

    /// <summary>Steps done in the epoch not finished yet (after a suspension), which a resume skips.</summary>
    public long PartialEpochSteps { get; set; }

    /// <summary>The sum of those steps' losses: the epoch's mean training loss needs them, and batches.csv is not read back.</summary>
    public double PartialEpochLossSum { get; set; }

    /// <summary>
    /// The length of batches.csv, in bytes, when this was written. In a checkpoint it marks where the
    /// checkpointed steps' rows end: a resume cuts off any rows past it, because it does that work again.
    /// </summary>
    public long BatchesCsvBytes { get; set; }

    /// <summary>Each time the job was resumed from a checkpoint (after a suspension, a lost silo or a crash).</summary>
    public List<ResumeRecord> Resumes { get; init; } = [];

    /// <summary>Training seconds already spent on the unfinished epoch before a suspension (added to that epoch's time).</summary>
    public double PartialEpochTrainSeconds { get; set; }

    /// <summary>Grad-CAM overlays written at the end, relative to the job's folder.</summary>
    public List<string> GradCamImages { get; init; } = [];

    /// <summary>Things that went wrong without spoiling the result (e.g. Grad-CAM images that could not be drawn).</summary>
    public List<string> Warnings { get; init; } = [];

    /// <summary>Seconds spent outside training and test passes, by phase; null in results written before it was recorded.</summary>
    public JobPhases? Phases { get; set; }

    /// <summary>The last epoch's test metric (accuracy or mIoU), if any epoch finished.</summary>
    public double? FinalMetric => Epochs.Count == 0 ? null : Epochs[^1].PrimaryMetric;
}

/// <summary>A resumption: the epochs complete and the global steps done when training picked up again.</summary>
public sealed record ResumeRecord(int Epoch, long Step, DateTimeOffset At);

/// <summary>Where the job ran.</summary>
public sealed record RunEnvironment(string Device, string MachineName, string OperatingSystem, string DotNet,
    string TorchSharp, int TorchThreads, int ProcessorCount);

/// <summary>The data the job saw.</summary>
/// <param name="TrainExamples">Examples trained on (after subsetting, without the validation examples).</param>
/// <param name="ValidationExamples">Examples held out of the training split for validation; 0 without a validation split.</param>
public sealed record DatasetSummary(string Name, string Family, string Task, int Classes, long TrainExamples, long TestExamples, string Source,
    long ValidationExamples = 0);

/// <summary>One epoch: training, test and (with a validation split) validation figures, times and memory.</summary>
/// <param name="TrainSeconds">Training time only; the test pass is timed separately.</param>
/// <param name="ProcessMemoryBytes">Resident set size of this process after the epoch.</param>
/// <param name="GpuMemoryBytes">GPU memory used by this process, where a GPU is used and measurable.</param>
/// <param name="GpuPeakMemoryBytes">Highest GPU memory seen so far.</param>
/// <param name="ValidationLoss">Loss on the validation split; null without one.</param>
/// <param name="ValidationMetric">Accuracy (classification) or mIoU (segmentation) on the validation split; null without one.</param>
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
    long? GpuPeakMemoryBytes,
    double? ValidationLoss = null,
    double? ValidationMetric = null)
{
    /// <summary>Accuracy for classification, mIoU for segmentation.</summary>
    public double PrimaryMetric => TestAccuracy ?? TestMeanIoU ?? double.NaN;
}

/// <summary>One optimizer step as the trainer recorded it, for every optimizer.</summary>
/// <param name="LearningRate">The effective learning rate; for EnhancedSGD lr · <paramref name="VarianceLrFactor"/> · <paramref name="LrScale"/>.</param>
/// <param name="VarianceLrFactor">EnhancedSGD's variance lr factor f_var at this step; null for other optimizers, and in rows written before the column existed.</param>
/// <param name="LrScale">EnhancedSGD's controller lr scale at this step, after its spike guard (1 without a controller); null as <paramref name="VarianceLrFactor"/>.</param>
/// <param name="Spike">1 if EnhancedSGD's loss-spike guard fired at this step (and halved <paramref name="LrScale"/>), else 0; null as <paramref name="VarianceLrFactor"/>.</param>
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
    double ClipFraction,
    double? VarianceLrFactor = null,
    double? LrScale = null,
    int? Spike = null);
