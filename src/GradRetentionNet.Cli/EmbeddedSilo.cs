using GradRetentionNet.Api;
using GradRetentionNet.Grains;
using GradRetentionNet.Observability;
using GradRetentionNet.Training.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace GradRetentionNet.Cli;

/// <summary>
/// The silo <c>grn run</c> starts in-process: localhost clustering and in-memory storage, so it
/// needs nothing installed; with an API port it also serves the sweep HTTP API on loopback.
/// </summary>
internal static class EmbeddedSilo
{
    public static IHost Build(int slots, string? dataRoot, (int Port, SweepApiOptions Options)? api, int? metricsPort)
    {
        if (api is not { } served)
        {
            var builder = Host.CreateApplicationBuilder();
            Configure(builder, slots, dataRoot, metricsPort);
            return builder.Build();
        }
        var web = WebApplication.CreateSlimBuilder();
        Configure(web, slots, dataRoot, metricsPort);
        web.WebHost.UseUrls($"http://127.0.0.1:{served.Port}");
        web.Services.AddSweepApi(served.Options);
        var app = web.Build();
        app.UseSweepApi();
        return app;
    }

    static void Configure(IHostApplicationBuilder builder, int slots, string? dataRoot, int? metricsPort)
    {
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans", LogLevel.Error); // its start-up notes (ServerGC, watchdog) are noise for a local run
        // Free ports rather than Orleans' fixed defaults: several sweeps may run on one machine.
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next()).AddMemoryGrainStorage("sweeps")
            .Configure<Orleans.Configuration.SiloOptions>(orleans => orleans.SiloName = Environment.MachineName)); // the metrics' silo label
        builder.Services.AddTrainingSlots(new JobRunnerOptions(slots, dataRoot) { Gpus = DeviceSelector.CudaDeviceCount() });
        // A standalone exporter (no web host needed): the same series a grn-silo serves, for a local Prometheus.
        if (metricsPort is { } port)
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddGradRetentionNetMeters()
                .AddPrometheusHttpListener(listener => (listener.Host, listener.Port) = ("localhost", port)));
    }
}
