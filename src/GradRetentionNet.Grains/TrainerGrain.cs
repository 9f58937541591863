using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;

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
            epoch => coordinator.EpochFinished(new EpochReport(assignment.JobId, assignment.Attempt, epoch.Epoch,
                epoch.ValidationMetric, epoch.ValidationLoss, double.IsFinite(epoch.PrimaryMetric) ? epoch.PrimaryMetric : null)),
            report => coordinator.JobFinished(report));
        return Task.FromResult(silo.SiloAddress);
    }

    public Task Cancel()
    {
        runner.Cancel(JobKey);
        return Task.CompletedTask;
    }

    public Task StopEarly()
    {
        runner.Cancel(JobKey, stoppedEarly: true);
        return Task.CompletedTask;
    }

    /// <summary>sweep/job: the key without the dispatch number.</summary>
    string JobKey
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            return key[..key.LastIndexOf('/')];
        }
    }

    public static string KeyOf(string sweep, string jobId, int dispatch) => $"{JobAssignment.KeyOf(sweep, jobId)}/{dispatch}";
}
