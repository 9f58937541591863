namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// Where a job's time went outside its epochs' training and test passes (those are in
/// <see cref="EpochRecord.TrainSeconds"/> and <see cref="EpochRecord.TestSeconds"/>), summed over every
/// attempt that wrote this result. It lets a sweep's wall time be accounted for: a sweep that takes
/// much longer than its jobs' training and testing spends the rest here or between jobs.
/// </summary>
public sealed record JobPhases
{
    /// <summary>Loading and preparing the job's data (reading files, subsetting, encoding texts).</summary>
    public double DataLoadSeconds { get; set; }

    /// <summary>Building the model and optimizer and reading a checkpoint to resume from.</summary>
    public double SetupSeconds { get; set; }

    /// <summary>Validation passes (a validation split only).</summary>
    public double ValidationSeconds { get; set; }

    /// <summary>Writing checkpoint.bin after each epoch (and at a suspension).</summary>
    public double CheckpointSeconds { get; set; }

    /// <summary>Writing batches.csv, result.json and epochs.csv after each epoch.</summary>
    public double ResultWriteSeconds { get; set; }

    /// <summary>The work after the last epoch (Grad-CAM overlays).</summary>
    public double AfterTrainingSeconds { get; set; }
}
