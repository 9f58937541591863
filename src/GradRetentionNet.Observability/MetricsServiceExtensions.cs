using System.Diagnostics.Metrics;
using GradRetentionNet.Observability.Gpu;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace GradRetentionNet.Observability;

/// <summary>How a host gets the silo's metrics: the <see cref="SiloMetrics"/> service and the meters to export.</summary>
public static class MetricsServiceExtensions
{
    /// <summary>The meter of Orleans' own instruments (orleans_* in Prometheus).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Registers <see cref="SiloMetrics"/>; <paramref name="siloName"/> gives the <c>silo</c> label once the host runs.</summary>
    public static IServiceCollection AddSiloMetrics(this IServiceCollection services, Func<IServiceProvider, string> siloName)
    {
        services.AddMetrics();
        services.TryAddSingleton(provider => new SiloMetrics(
            provider.GetRequiredService<IMeterFactory>().Create(SiloMetrics.MeterName),
            siloName(provider),
            NvmlGpus.Open(provider.GetRequiredService<ILoggerFactory>().CreateLogger<NvmlGpus>())));
        return services;
    }

    /// <summary>Our meter, Orleans' meters and the .NET runtime's (dotnet_*).</summary>
    public static MeterProviderBuilder AddGradRetentionNetMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(SiloMetrics.MeterName, OrleansMeterName).AddRuntimeInstrumentation();
}
