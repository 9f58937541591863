namespace GradRetentionNet.Grains;

/// <summary>Runs one job attempt on the calling thread (a slot's dedicated thread) and says how it ended.</summary>
public interface IJobExecutor
{
    /// <param name="epochFinished">To call after each epoch's checkpoint is on disk, with the epoch's number.</param>
    /// <param name="cancellation">The sweep cancelled the job: stop soon.</param>
    /// <param name="suspend">The silo is shutting down: checkpoint and report "suspended" so the job runs elsewhere.</param>
    JobReport Execute(JobAssignment assignment, Action<int> epochFinished, CancellationToken cancellation, CancellationToken suspend);
}
