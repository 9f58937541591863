using System.Net;
using GradRetentionNet.Grains;
using GradRetentionNet.Persistence;
using Orleans.Configuration;

namespace GradRetentionNet.Silo;

/// <summary>Orleans' clustering and grain storage as Silo:Clustering chooses them.</summary>
internal static class SiloClusteringExtensions
{
    /// <summary>The storage provider the grains name in [PersistentState(..., "sweeps")].</summary>
    public const string StorageName = "sweeps";

    public static void AddOrleansSilo(this WebApplicationBuilder builder, SiloOptions options)
    {
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePorts.Next();
        var gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePorts.Next();
        // Loaded here, before any port opens, so a bad certificate stops the start with one line.
        var certificates = options.Tls.Enabled ? ClusterCertificateFiles.Load(options.Tls) : null;
        if (certificates is not null)
        {
            builder.Services.AddSingleton(certificates);
            builder.Services.AddHostedService<ClusterTlsReport>();
        }
        if (options.Clustering == SiloClustering.Postgres)
            builder.AddPostgresCluster(options, siloPort, gatewayPort, certificates);
        else
            builder.UseOrleans(silo => silo
                .Named(options, builder.Configuration, certificates)
                .UseLocalhostClustering(siloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId)
                .AddMemoryGrainStorage(StorageName));
    }

    /// <summary>
    /// The silo's name (Orleans' and the metrics' silo label), membership timing from the
    /// Orleans:Membership section (e.g. ProbeTimeout, NumMissedProbesLimit: how fast a dead silo is
    /// declared dead), and mutual TLS on its ports when Silo:Tls is enabled.
    /// </summary>
    static ISiloBuilder Named(this ISiloBuilder silo, SiloOptions options, IConfiguration configuration, ClusterCertificateFiles? certificates)
    {
        silo.Configure<Orleans.Configuration.SiloOptions>(orleans => orleans.SiloName = options.Name)
            .Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        return certificates is null ? silo : silo.UseClusterTls(certificates);
    }

    static void AddPostgresCluster(this WebApplicationBuilder builder, SiloOptions options, int siloPort, int gatewayPort, ClusterCertificateFiles? certificates)
    {
        if (PostgresConnectionString.Problem(options.ConnectionString) is { } problem)
            throw new SiloConfigurationException(
                $"Silo:ConnectionString {problem}: Silo:Clustering is postgres, so configure it (appsettings or the GRN_Silo__ConnectionString environment variable)");
        var connectionString = options.ConnectionString!;
        var address = AdvertisedAddress(options.AdvertisedAddress);

        if (options.MigrateOnStart)
        {
            // Registered before Orleans: hosted services start in registration order, so the schema exists before the silo reads its queries.
            builder.Services.AddSingleton(new SchemaMigrator(connectionString));
            builder.Services.AddHostedService<SchemaMigrationService>();
        }
        builder.UseOrleans(silo => silo
            .Named(options, builder.Configuration, certificates)
            .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId))
            .ConfigureEndpoints(address, siloPort, gatewayPort)
            .UsePostgresClustering(connectionString)
            .AddPostgresGrainStorage(StorageName, connectionString));
    }

    static IPAddress AdvertisedAddress(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return IPAddress.Loopback;
        return IPAddress.TryParse(configured, out var address)
            ? address
            : throw new SiloConfigurationException($"Silo:AdvertisedAddress '{configured}' is not an IP address: set the address other silos reach this one at (in Kubernetes, the pod IP)");
    }
}
