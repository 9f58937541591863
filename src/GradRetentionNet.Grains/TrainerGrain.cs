namespace GradRetentionNet.Grains;

/// <summary>Hands its job to the silo's <see cref="JobRunner"/> and relays what the job reports to the coordinator.</summary>
public sealed class TrainerGrain(JobRunner runner, IGrainFactory grains) : Grain, ITrainerGrain
{
    public Task Start(JobAssignment assignment)
    {
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(assignment.Sweep);
        runner.Start(assignment,
            epoch => coordinator.EpochFinished(assignment.JobId, assignment.Attempt, epoch),
            report => coordinator.JobFinished(report));
        return Task.CompletedTask;
    }

    public Task Cancel()
    {
        runner.Cancel(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
