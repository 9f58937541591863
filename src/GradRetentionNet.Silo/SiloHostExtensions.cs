using GradRetentionNet.Grains;
using GradRetentionNet.Silo.Api;
using Microsoft.Extensions.Options;

namespace GradRetentionNet.Silo;

/// <summary>Everything a GradRetentionNet silo host adds to its builder and its request pipeline.</summary>
public static class SiloHostExtensions
{
    public static WebApplicationBuilder AddGradRetentionNetSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        if (string.IsNullOrWhiteSpace(options.ApiToken))
            throw new InvalidOperationException("Silo:ApiToken is not set: configure it (appsettings or the GRN_Silo__ApiToken environment variable) so the HTTP API can require it");
        if (options.Slots < 1) throw new InvalidOperationException($"Silo:Slots is {options.Slots}: it must be at least 1");

        builder.Services.Configure<SiloOptions>(builder.Configuration.GetSection(SiloOptions.Section));
        builder.Services.AddTrainingSlots(new JobRunnerOptions(options.Slots, options.DataRoot));
        builder.Services.AddHealthChecks();
        builder.AddOrleansSilo(options);
        return builder;
    }

    public static WebApplication MapGradRetentionNetSilo(this WebApplication app)
    {
        var token = app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.ApiToken!;
        app.UseMiddleware<BearerTokenMiddleware>(token);
        // Live: the process answers. Ready: the silo has started and can take work.
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IHostApplicationLifetime lifetime) => lifetime.ApplicationStarted.IsCancellationRequested
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapSweepApi();
        return app;
    }
}
