using System.Text.Json;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>The real sweep grains keep their state in PostgreSQL through grn-silo's "sweeps" storage.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SweepPersistenceTests(PostgresFixture postgres) : IDisposable
{
    readonly string outputRoot = Directory.CreateTempSubdirectory("grn-pg-sweeps-").FullName;

    [Fact]
    public async Task A_sweep_outlives_a_killed_silo_and_is_served_by_a_new_cluster_with_the_same_service_id()
    {
        var database = await postgres.EmptyDatabaseAsync("sweeps");
        var firstPort = FreePorts.Next();
        using (var first = GrnSiloProcess.Start(SiloSettings.OnPostgres(database, "first-cluster", outputRoot, firstPort, FreePorts.Next()), firstPort))
        {
            await first.Ready();
            using var api = SweepApiCalls.Api(firstPort);
            await api.Submit("""
                name: durable
                datasets: [mnist-digits-10k]
                optimizers: [sgd]
                seeds: [1, 2]
                epochs: 1
                limits: { max_train_samples: 256, max_test_samples: 128 }
                """);
            await TestSilo.Eventually(async () => (await api.Get("/api/sweeps/durable")).GetProperty("state").GetString() == "completed",
                TimeSpan.FromMinutes(3), "the sweep completed");
            first.Kill();
        }

        // Membership is per ClusterId, grain state per ServiceId: a new cluster finds the old one's sweeps.
        var secondPort = FreePorts.Next();
        using var second = GrnSiloProcess.Start(SiloSettings.OnPostgres(database, "second-cluster", outputRoot, secondPort, FreePorts.Next()), secondPort);
        await second.Ready();
        using var secondApi = SweepApiCalls.Api(secondPort);
        var list = await secondApi.Get("/api/sweeps");
        list.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("state").GetString(), s.GetProperty("counts").GetProperty("completed").GetInt32()))
            .Should().Equal(("durable", "completed", 2));
        var status = await secondApi.Get("/api/sweeps/durable");
        status.GetProperty("jobs").EnumerateArray().Should().OnlyContain(job => job.GetProperty("state").GetString() == "completed" && job.GetProperty("epochs_done").GetInt32() == 1);
    }

    public void Dispose() => Directory.Delete(outputRoot, recursive: true);
}
