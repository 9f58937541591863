using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Grains;

/// <summary>Runs one job attempt on the calling thread (a slot's dedicated thread) and says how it ended.</summary>
public interface IJobExecutor
{
    /// <param name="device">The GPU the silo gave the job ("cuda:N"), used when its spec says auto or cuda; null on a CPU silo.</param>
    /// <param name="epochFinished">To call after each epoch's checkpoint is on disk, with the epoch's record.</param>
    /// <param name="stop">Cancellation (by the sweep or its early stopping) and the silo's hand-back.</param>
    JobReport Execute(JobAssignment assignment, string? device, Action<EpochRecord> epochFinished, JobStop stop);
}
