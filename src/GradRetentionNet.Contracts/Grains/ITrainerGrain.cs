namespace GradRetentionNet.Contracts.Grains;

/// <summary>One per job dispatch (key "sweep/job/dispatch"): runs it off the grain scheduler and reports back to its coordinator.</summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Queues the job on this silo's training slots and returns at once, with the silo's address.</summary>
    Task<SiloAddress> Start(JobAssignment assignment);

    Task Cancel();

    /// <summary>The sweep's early stopping ended the job: it stops at once and ends as stopped early, its results so far kept.</summary>
    Task StopEarly();
}
