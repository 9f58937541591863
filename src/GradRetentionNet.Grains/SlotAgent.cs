using GradRetentionNet.Contracts.Grains;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Grains;

/// <summary>
/// A silo's link to the cluster's scheduling: advertises its slots to the slot board (at once
/// when a job comes or goes, and periodically so a restarted board is rebuilt), wakes the
/// coordinators of unfinished sweeps (so a sweep whose coordinator's silo died goes on), and at
/// shutdown hands its running jobs back before the silo leaves.
/// </summary>
public sealed class SlotAgent(JobRunner runner, JobRunnerOptions options, IGrainFactory grains, ILocalSiloDetails silo, ILogger<SlotAgent> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    readonly SemaphoreSlim changed = new(0);
    readonly CancellationTokenSource stopping = new();
    Task loops = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlotAgent), ServiceLifecycleStage.Active, Start, Stop);

    Task Start(CancellationToken _)
    {
        runner.Changed += OnChanged;
        loops = Task.WhenAll(Task.Run(AdvertiseLoop), Task.Run(WakeLoop));
        return Task.CompletedTask;
    }

    async Task Stop(CancellationToken cancellation)
    {
        // A graceful stop hands the jobs back; an abrupt one (already cancelled) has no time to.
        if (!cancellation.IsCancellationRequested) await runner.HandBack(options.HandBackTimeout);
        await Advertise(); // slots 0: nothing more comes here
        await stopping.CancelAsync();
        runner.Changed -= OnChanged;
        await loops;
    }

    void OnChanged() => changed.Release();

    async Task AdvertiseLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            await Advertise();
            try
            {
                await changed.WaitAsync(options.AdvertisePeriod, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    async Task Advertise()
    {
        try
        {
            await grains.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard).Advertise(new SlotAdvert(silo.SiloAddress, runner.Slots, runner.Held, runner.Gpus > 0));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("advertising slots failed ({Error}); trying again in {Period}", e.Message, options.AdvertisePeriod);
        }
    }

    async Task WakeLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.WakePeriod, stopping.Token);
                foreach (var sweep in await grains.GetGrain<ISweepIndexGrain>(GrainKeys.SweepIndex).Active())
                    await grains.GetGrain<ISweepCoordinatorGrain>(sweep).Wake();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("waking unfinished sweeps failed ({Error}); trying again", e.Message);
            }
        }
    }
}
