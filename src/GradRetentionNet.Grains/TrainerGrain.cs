using GradRetentionNet.Contracts.Grains;

namespace GradRetentionNet.Grains;

/// <summary>
/// One per job dispatch (key "sweep/job/dispatch"), activated on the silo whose slot the
/// coordinator reserved: hands its job to that silo's <see cref="JobRunner"/> and relays what the
/// job reports to the coordinator. A fresh key per dispatch lets a retried job land on another silo.
/// </summary>
public sealed class TrainerGrain(JobRunner runner, IGrainFactory grains, ILocalSiloDetails silo) : Grain, ITrainerGrain
{
    public Task<SiloAddress> Start(JobAssignment assignment)
    {
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(assignment.Sweep);
        runner.Start(assignment,
            epoch => coordinator.EpochFinished(assignment.JobId, assignment.Attempt, epoch),
            report => coordinator.JobFinished(report));
        return Task.FromResult(silo.SiloAddress);
    }

    public Task Cancel()
    {
        var key = this.GetPrimaryKeyString();
        runner.Cancel(key[..key.LastIndexOf('/')]);
        return Task.CompletedTask;
    }

    public static string KeyOf(string sweep, string jobId, int dispatch) => $"{JobAssignment.KeyOf(sweep, jobId)}/{dispatch}";
}
