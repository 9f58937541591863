using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Training.Jobs;

/// <summary>Steps the trainer has just read back from the device (every flush, about 25 steps).</summary>
/// <param name="Steps">The steps' records, in order.</param>
/// <param name="WallTime">Wall time those steps took, from the previous flush (or the epoch's start).</param>
/// <param name="Epsilon">EnhancedSGD's exploration rate at its latest controller decision; null for other optimizers.</param>
public sealed record FlushedSteps(IReadOnlyList<BatchRecord> Steps, TimeSpan WallTime, double? Epsilon);

/// <summary>GPU memory of the device a job trains on, in bytes, as a probe outside the trainer reads it.</summary>
public sealed record GpuMemoryReading(long UsedBytes, long PeakBytes);
