using GradRetentionNet.Api;
using GradRetentionNet.Grains;
using GradRetentionNet.Observability;
using GradRetentionNet.Training.Jobs;
using OpenTelemetry.Metrics;

namespace GradRetentionNet.Silo;

/// <summary>Everything a GradRetentionNet silo host adds to its builder and its request pipeline.</summary>
public static class SiloHostExtensions
{
    /// <summary>How long a stopping silo waits for its jobs to hand themselves back (helm/: the pod's grace period is longer).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    public static WebApplicationBuilder AddGradRetentionNetSilo(this WebApplicationBuilder builder)
    {
        var options = SiloOptions.Read(builder.Configuration);

        builder.AddSiloLogging(options);
        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloOptions.Section));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddGradRetentionNetMeters().AddPrometheusExporter());
        builder.Services.AddTrainingSlots(new JobRunnerOptions(options.Slots, options.DataRoot) { Gpus = GpuGuard.Resolve(options.Gpus, CudaBackend.Probe) });
        builder.Services.AddSweepApi(new SweepApiOptions(options.ApiToken!, options.OutputRoot)); // Read checked it is set
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<OutputRootProbe>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutputRootProbe>());
        // Shutdown waits for running jobs to checkpoint and hand themselves back (up to a minute):
        // the host's default 30 s would cut that short. Kubernetes' grace period must be longer still.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.AddOrleansSilo(options);
        return builder;
    }

    public static WebApplication MapGradRetentionNetSilo(this WebApplication app)
    {
        app.UseSweepApi();
        // Prometheus scrapes without a token: the bearer token guards /api only.
        app.MapPrometheusScrapingEndpoint("/metrics");
        // Live: the process answers. Ready: the silo has started and can take work, which needs an
        // output root it can write (else every job's results would be lost).
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IHostApplicationLifetime lifetime, OutputRootProbe outputRoot) =>
            !lifetime.ApplicationStarted.IsCancellationRequested
                ? Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : outputRoot.Problem() is { } problem
                    ? Results.Json(new { status = "not ready", reason = problem }, statusCode: StatusCodes.Status503ServiceUnavailable)
                    : Results.Ok(new { status = "ready" }));
        return app;
    }
}
