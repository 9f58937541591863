namespace GradRetentionNet.Grains;

/// <summary>One per job (keyed by its id): runs it off the grain scheduler and reports back to its coordinator.</summary>
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Queues the job on this silo's training slots and returns at once.</summary>
    Task Start(JobAssignment assignment);

    Task Cancel();
}
