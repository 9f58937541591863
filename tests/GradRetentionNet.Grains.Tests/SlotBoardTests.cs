using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Grains;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// The slot board's bookkeeping against adverts that race with dispatches and job ends: a silo's
/// advert is sent from its own loop, a job's release comes from its coordinator, and the two can
/// cross. A slot must never stay taken by a job that has left its silo.
/// </summary>
public sealed class SlotBoardTests : IAsyncLifetime
{
    InProcessTestCluster cluster = null!;
    ISlotBoardGrain board = null!;
    SiloAddress silo = null!;

    public async Task InitializeAsync()
    {
        // No training slots: the board hears only the adverts the tests send.
        cluster = new InProcessTestClusterBuilder(1).Build();
        await cluster.DeployAsync();
        board = cluster.Client.GetGrain<ISlotBoardGrain>(GrainKeys.SlotBoard);
        silo = cluster.Silos[0].SiloAddress;
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    Task Advertise(params string[] jobs) =>
        board.Advertise(new SlotAdvert(silo, Slots: 2, jobs.Select(job => new HeldJob(job, 0.5)).ToArray(), Gpus: true));

    async Task FillBothGpus()
    {
        await Advertise();
        foreach (var job in new[] { "s/a", "s/b", "s/c", "s/d" })
            (await board.Reserve(job, trialsPerGpu: 2)).Should().Be(silo, "two GPUs take two trials each");
        (await board.Reserve("s/e", trialsPerGpu: 2)).Should().BeNull("both GPUs are full");
    }

    [Fact]
    public async Task An_advert_sent_before_a_job_ended_does_not_take_its_slot_back_after_the_release()
    {
        await FillBothGpus();
        await Advertise("s/a", "s/b", "s/c", "s/d");

        await board.Release("s/a");
        await Advertise("s/a", "s/b", "s/c", "s/d"); // captured before s/a ended, delivered after its release

        (await board.Reserve("s/e", trialsPerGpu: 2)).Should().Be(silo, "s/a's half GPU is free");
    }

    [Fact]
    public async Task A_job_the_silo_listed_and_lists_no_more_has_left_it()
    {
        await FillBothGpus();
        await Advertise("s/a", "s/b", "s/c", "s/d");

        await Advertise("s/b", "s/c", "s/d"); // s/a ended; its coordinator has not released it yet

        (await board.Reserve("s/e", trialsPerGpu: 2)).Should().Be(silo);
    }

    [Fact]
    public async Task A_reservation_the_silo_has_not_listed_yet_keeps_its_slot()
    {
        await FillBothGpus();

        await Advertise("s/b", "s/c"); // sent before s/a and s/d arrived there

        (await board.Reserve("s/e", trialsPerGpu: 2)).Should().BeNull("s/a and s/d are on their way to the silo");
    }

    [Fact]
    public async Task A_released_job_dispatched_again_counts_when_its_new_silo_lists_it()
    {
        await FillBothGpus();
        await Advertise("s/a", "s/b", "s/c", "s/d");
        await board.Release("s/a");

        (await board.Reserve("s/a", trialsPerGpu: 2)).Should().Be(silo, "a retry of s/a");
        await Advertise("s/a", "s/b", "s/c", "s/d");

        (await board.Reserve("s/e", trialsPerGpu: 2)).Should().BeNull("the retry holds s/a's half GPU again");
    }
}
