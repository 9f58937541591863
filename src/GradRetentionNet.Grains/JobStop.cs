namespace GradRetentionNet.Grains;

/// <summary>What can stop a job attempt before its last epoch, as its executor sees it.</summary>
/// <param name="Cancellation">Stop soon: the sweep cancelled the job, or its early stopping ended it.</param>
/// <param name="Suspend">The silo is shutting down: checkpoint and report "suspended" so the job runs elsewhere.</param>
/// <param name="StoppedEarly">Whether a cancellation came from early stopping: the job then ends as stopped early, not cancelled.</param>
public sealed record JobStop(CancellationToken Cancellation, CancellationToken Suspend, Func<bool> StoppedEarly);
