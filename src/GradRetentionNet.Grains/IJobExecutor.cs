using GradRetentionNet.Contracts.Grains;

namespace GradRetentionNet.Grains;

/// <summary>Runs one job attempt on the calling thread (a slot's dedicated thread) and says how it ended.</summary>
public interface IJobExecutor
{
    /// <param name="device">The GPU the silo gave the job ("cuda:N"), used when its spec says auto or cuda; null on a CPU silo.</param>
    /// <param name="epochFinished">To call after each epoch's checkpoint is on disk, with the epoch's number.</param>
    /// <param name="cancellation">The sweep cancelled the job: stop soon.</param>
    /// <param name="suspend">The silo is shutting down: checkpoint and report "suspended" so the job runs elsewhere.</param>
    JobReport Execute(JobAssignment assignment, string? device, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend);
}
