using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// Waits for every silo's job runner to have no job. A sweep ends as soon as its last job is
/// decided — a trial stopped early is finished the moment it is stopped — while that trial's
/// trainer may still be closing its files (its result says stopped_early a moment later). Tests
/// that read job files or count executor runs after a sweep ends wait for this first.
/// </summary>
static class TrainersIdle
{
    public static async Task Wait(InProcessTestCluster cluster, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(1));
        while (Busy(cluster) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Busy(cluster).Should().BeFalse("every trainer ends once its sweep has ended");
    }

    static bool Busy(InProcessTestCluster cluster) =>
        cluster.Silos.Any(s => cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<JobRunner>().Busy);
}
