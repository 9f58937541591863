using System.Net;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>
/// In-process silos and clients wired to PostgreSQL the way grn-silo wires them
/// (<see cref="OrleansPostgresExtensions"/>), on free loopback ports.
/// </summary>
internal static class TestSilo
{
    public const string ServiceId = "grn-tests";

    /// <summary>
    /// Failure detection in seconds rather than Orleans' defaults: a probe every 2 s, two missed
    /// probes make a suspicion, and one vote suffices (a two-silo cluster has one voter). Only for
    /// the silo that must notice a death: on a loaded machine short timeouts could also suspect a live silo.
    /// </summary>
    static void QuickToDeclareDead(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
    }

    public static async Task<IHost> StartSiloAsync(string connectionString, string clusterId, bool quickToDeclareDead = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, ServiceId))
            .Configure<ClusterMembershipOptions>(options => { if (quickToDeclareDead) QuickToDeclareDead(options); })
            .ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next())
            .UsePostgresClustering(connectionString)
            .AddPostgresGrainStorage("sweeps", connectionString)
            .AddPostgresGrainStorage("deleting", connectionString, deleteStateOnClear: true));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <param name="configure">More client settings, e.g. TLS; a host that fails to start is disposed.</param>
    /// <param name="logs">Where the client's logs go (none by default).</param>
    /// <param name="cancellation">Gives up the start: Orleans' client keeps trying gateways until one answers.</param>
    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId, Action<IClientBuilder>? configure = null,
        ILoggerProvider? logs = null, CancellationToken cancellation = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (clusterId, ServiceId))
                .UsePostgresClustering(connectionString);
            configure?.Invoke(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Stops a host without waiting long for a graceful hand-over (the tests' data is thrown away).</summary>
    public static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(200);
        }
    }
}
