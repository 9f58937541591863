namespace GradRetentionNet.Grains;

/// <summary>One per sweep (keyed by its name): expands the spec, dispatches jobs, retries, stops, reports.</summary>
public interface ISweepCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep; submitting the same spec again is a no-op that returns its status.</summary>
    Task<SweepStatus> Submit(SweepSubmission submission);

    Task<SweepStatus> GetStatus();

    /// <summary>The YAML spec the sweep was submitted with ("" for an unknown sweep).</summary>
    Task<string> GetSpec();

    /// <summary>Cancels every job not finished; finished results stay.</summary>
    Task<SweepStatus> Cancel();

    /// <summary>Runs the failed jobs again with a fresh attempt budget.</summary>
    Task<SweepStatus> RetryFailed();

    /// <summary>A trainer reports an attempt's end.</summary>
    Task JobFinished(JobReport report);

    /// <summary>Activates the coordinator (if its silo died) so it checks for lost jobs and dispatches pending ones.</summary>
    Task Wake();

    /// <summary>A trainer reports a finished epoch.</summary>
    Task EpochFinished(string jobId, int attempt, int epoch);
}
