using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>A grn-silo configured for PostgreSQL refuses to start, with one clear reason, when the configuration cannot work.</summary>
[Collection(PostgresCollection.Name)] // not for the database: to run alone, as the other process tests do
public sealed class SiloConfigurationTests
{
    static GrnSiloProcess Start(Dictionary<string, string> settings) => GrnSiloProcess.Start(new Dictionary<string, string>(settings)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}",
        ["GRN_Silo__ApiToken"] = "token",
        ["GRN_Silo__Clustering"] = "postgres",
        ["GRN_Silo__SiloPort"] = "0",
        ["GRN_Silo__GatewayPort"] = "0",
    });

    [Fact]
    public void Without_a_connection_string_a_postgres_silo_refuses_to_start()
    {
        using var silo = Start([]);

        silo.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue();
        silo.Process.ExitCode.Should().NotBe(0);
        silo.Output.Should().Contain("Silo:ConnectionString is not set: Silo:Clustering is postgres, so configure it");
    }

    [Fact]
    public void An_advertised_address_that_is_not_an_ip_address_is_refused()
    {
        using var silo = Start(new() { ["GRN_Silo__ConnectionString"] = "Host=127.0.0.1;Password=hunter2", ["GRN_Silo__AdvertisedAddress"] = "silo-0.example" });

        silo.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue();
        silo.Process.ExitCode.Should().NotBe(0);
        silo.Output.Should().Contain("Silo:AdvertisedAddress 'silo-0.example' is not an IP address").And.NotContain("hunter2");
    }
}
