using GradRetentionNet.Grains;
using GradRetentionNet.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Messaging;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>Cluster membership through Orleans' real ADO.NET clustering provider, against the project's schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusteringTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_silos_form_a_cluster_and_a_client_finds_them_through_the_gateways_query()
    {
        var database = await postgres.MigratedDatabaseAsync("cluster");
        var first = await TestSilo.StartSiloAsync(database, "two-silos");
        var second = await TestSilo.StartSiloAsync(database, "two-silos");
        IHost? client = null;
        try
        {
            var management = first.Grains().GetGrain<IManagementGrain>(0);
            await TestSilo.Eventually(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(30), "both silos active");
            (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = 'two-silos' AND Status = 3")).Should().Be(2);

            client = await TestSilo.StartClientAsync(database, "two-silos");
            var gateways = await client.Services.GetRequiredService<IGatewayListProvider>().GetGateways();
            gateways.Select(g => g.Port).Should().BeEquivalentTo([GatewayPort(first), GatewayPort(second)]);

            var grain = client.Grains().GetGrain<IProbeGrain>(42);
            await grain.Write("through a gateway");
            (await grain.Read()).Text.Should().Be("through a gateway");
        }
        finally
        {
            if (client is not null) await TestSilo.StopAsync(client);
            await TestSilo.StopAsync(second);
            await TestSilo.StopAsync(first);
        }
    }

    [Fact]
    public async Task A_killed_grn_silo_is_declared_dead_by_the_survivor_and_its_row_can_then_be_cleaned_up()
    {
        var database = await postgres.EmptyDatabaseAsync("killed"); // the grn-silo migrates it as it starts
        const string password = "never-logged-secret";
        var (httpPort, siloPort) = (FreePorts.Next(), FreePorts.Next());
        var outputRoot = Directory.CreateTempSubdirectory("grn-killed-").FullName;
        using var doomed = GrnSiloProcess.Start(SiloSettings.OnPostgres($"{database};Password={password}", "killed", outputRoot, httpPort, siloPort), httpPort);
        IHost? survivor = null;
        try
        {
            await doomed.Ready();
            survivor = await TestSilo.StartSiloAsync(database, "killed", quickToDeclareDead: true);
            var management = survivor.Grains().GetGrain<IManagementGrain>(0);
            await TestSilo.Eventually(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(30), "grn-silo and the test silo active together");

            doomed.Kill();

            var membership = survivor.Services.GetRequiredService<IMembershipTable>();
            await TestSilo.Eventually(
                async () => (await membership.ReadAllAsync()).Members.Any(m => m.Item1.SiloAddress.Endpoint.Port == siloPort && m.Item1.Status == SiloStatus.Dead),
                TimeSpan.FromSeconds(60), "the killed silo declared dead in the membership table");
            (await management.GetHosts(onlyActive: true)).Should().HaveCount(1);

            // Cleaning up defunct entries removes the dead silo's row and keeps the live one.
            await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow);
            (await membership.ReadAllAsync()).Members.Should().ContainSingle().Which.Item1.Status.Should().Be(SiloStatus.Active);

            doomed.Output.Should().Contain("Database schema migrated to version 3").And.NotContain(password);
        }
        finally
        {
            if (survivor is not null) await TestSilo.StopAsync(survivor);
            Directory.Delete(outputRoot, recursive: true);
        }
    }

    static int GatewayPort(IHost silo) => silo.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EndpointOptions>>().Value.GatewayPort;
}
