using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Contracts.Grains;

/// <summary>One per sweep (keyed by its name): expands the spec, dispatches jobs, retries, stops, reports.</summary>
public interface ISweepCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep; submitting the same spec again is a no-op that returns its status.</summary>
    Task<SweepStatus> Submit(SweepSubmission submission);

    /// <param name="withJobs">Include every job's row (large for big sweeps); counts are always there.</param>
    Task<SweepStatus> GetStatus(bool withJobs = true);

    /// <summary>The spec the sweep was submitted with, as written; null for an unknown sweep.</summary>
    Task<SweepSubmission?> GetSubmission();

    /// <summary>Cancels every job not finished; finished results stay. A finished sweep stays as it finished.</summary>
    Task<SweepStatus> Cancel();

    /// <summary>Runs the failed and cancelled jobs again with a fresh attempt budget.</summary>
    Task<SweepStatus> RetryFailed();

    /// <summary>A trainer reports an attempt's end.</summary>
    Task JobFinished(JobReport report);

    /// <summary>Activates the coordinator (if its silo died) so it checks for lost jobs and dispatches pending ones.</summary>
    Task Wake();

    /// <summary>A trainer reports a finished epoch; early stopping decides on it.</summary>
    Task EpochFinished(EpochReport report);
}
