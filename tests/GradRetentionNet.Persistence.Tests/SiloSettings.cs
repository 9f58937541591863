using GradRetentionNet.Grains;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>The environment these tests start grn-silo with (GradRetentionNet.Testing.GrnSiloProcess).</summary>
internal static class SiloSettings
{
    /// <summary>
    /// The settings of a silo on PostgreSQL that migrates the schema as it starts, on free loopback
    /// ports, serving HTTP on <paramref name="httpPort"/> with the API token "token".
    /// </summary>
    public static Dictionary<string, string> OnPostgres(string connectionString, string clusterId, string outputRoot, int httpPort, int siloPort) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["GRN_Silo__ApiToken"] = "token",
        ["GRN_Silo__OutputRoot"] = outputRoot,
        ["GRN_Silo__Clustering"] = "postgres",
        ["GRN_Silo__ConnectionString"] = connectionString,
        ["GRN_Silo__ClusterId"] = clusterId,
        ["GRN_Silo__ServiceId"] = TestSilo.ServiceId,
        ["GRN_Silo__MigrateOnStart"] = "true",
        ["GRN_Silo__SiloPort"] = siloPort.ToString(),
        ["GRN_Silo__GatewayPort"] = FreePorts.Next().ToString(),
    };
}
