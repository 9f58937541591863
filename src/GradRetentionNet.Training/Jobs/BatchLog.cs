using GradRetentionNet.Contracts.Jobs;
namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// A running job's per-batch rows on their way to batches.csv. Rows wait here from their flush off the
/// device until the epoch ends (or the job stops) and are then appended, so the file grows by each row
/// once and is never rewritten. The result keeps only the counters a resume needs: the steps done, the
/// unfinished epoch's steps and loss sum, and the file's length.
/// </summary>
internal sealed class BatchLog(JobOutput output, JobResult result)
{
    readonly List<BatchRecord> unwritten = [];

    /// <summary>
    /// Cuts batches.csv back to the length the result recorded: its checkpoint's, or 0 for a job that
    /// starts afresh. Rows past it were appended by work done after the checkpoint, which is done again.
    /// </summary>
    public void Restore() => output.TruncateBatches(result.BatchesCsvBytes);

    public void Add(BatchRecord row)
    {
        unwritten.Add(row);
        result.Steps++;
        result.PartialEpochSteps++;
        result.PartialEpochLossSum += row.Loss;
    }

    /// <summary>The mean training loss of the epoch that just ended; the next epoch counts from zero.</summary>
    public double FinishEpoch()
    {
        var mean = result.PartialEpochSteps == 0 ? double.NaN : result.PartialEpochLossSum / result.PartialEpochSteps;
        result.PartialEpochSteps = 0;
        result.PartialEpochLossSum = 0;
        return mean;
    }

    /// <summary>Appends the waiting rows to batches.csv, on disk before this returns, and records the file's new length.</summary>
    public void Write()
    {
        result.BatchesCsvBytes = output.AppendBatches(unwritten);
        unwritten.Clear();
    }
}
