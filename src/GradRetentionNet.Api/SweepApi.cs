using GradRetentionNet.Grains;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Api;

/// <summary>The sweep HTTP API every silo serves: submit, list, status, results, cancel, retry-failed.</summary>
public static class SweepApi
{
    /// <summary>The bearer-token check (before routing) and the /api/sweeps endpoints; <see cref="SweepApiOptions"/> must be registered.</summary>
    public static WebApplication UseSweepApi(this WebApplication app)
    {
        app.UseMiddleware<BearerTokenMiddleware>(app.Services.GetRequiredService<SweepApiOptions>().Token);
        app.MapSweepApi();
        return app;
    }

    static IEndpointRouteBuilder MapSweepApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/sweeps");
        api.AddEndpointFilter<ClusterUnavailableFilter>();
        api.MapPost("", Submit);
        api.MapGet("", List);
        api.MapGet("{name}", Status);
        api.MapGet("{name}/results", Aggregate);
        api.MapGet("{name}/report-data", ReportData);
        api.MapPost("{name}/cancel", async (string name, IGrainFactory grains) => await Known(name, grains) is { } coordinator ? Results.Ok(await coordinator.Cancel()) : NotFound(name));
        api.MapPost("{name}/retry-failed", async (string name, IGrainFactory grains) => await Known(name, grains) is { } coordinator ? Results.Ok(await coordinator.RetryFailed()) : NotFound(name));
        return routes;
    }

    /// <summary>The body is the YAML spec; it is checked in full before anything is submitted.</summary>
    static async Task<IResult> Submit(HttpRequest request, IGrainFactory grains, SweepApiOptions options)
    {
        using var reader = new StreamReader(request.Body);
        var yaml = await reader.ReadToEndAsync();
        SweepSpec spec;
        try
        {
            spec = SweepSpecParser.Parse(yaml, "request body");
            SweepExpander.Expand(spec, "request body");
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        try
        {
            var status = await coordinator.Submit(new SweepSubmission(yaml, "request body", Path.GetFullPath(options.OutputRoot)));
            return Results.Accepted($"/api/sweeps/{spec.Name}", status);
        }
        catch (ArgumentException e)
        {
            return Results.Conflict(new { error = e.Message });
        }
    }

    static async Task<IResult> List(IGrainFactory grains)
    {
        var names = await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).List();
        var statuses = await Task.WhenAll(names.Select(name => grains.GetGrain<ISweepCoordinatorGrain>(name).GetStatus()));
        return Results.Ok(statuses.Select(s => new { s.Name, s.State, jobs = s.Jobs.Length, completed = s.Count("completed"), failed = s.Count("failed") }));
    }

    static async Task<IResult> Status(string name, IGrainFactory grains) =>
        await Known(name, grains) is { } coordinator ? Results.Ok(await coordinator.GetStatus()) : NotFound(name);

    static async Task<IResult> Aggregate(string name, IGrainFactory grains)
    {
        if (await Known(name, grains) is not { } coordinator) return NotFound(name);
        var spec = SweepSpecParser.Parse(await coordinator.GetSpec(), name);
        var status = await coordinator.GetStatus();
        var aggregate = SweepResults.Aggregate(spec, status.Jobs.Select(j => j.OutputDirectory));
        return Results.Json(new { status.State, rows = AggregateRow.From(aggregate), aggregate }, JobJson.Options);
    }

    /// <summary>
    /// The spec and every job's result (per-epoch figures; the per-batch rows stay in each job's
    /// batches.csv), so a client can draw the report without access to the shared results volume.
    /// </summary>
    static async Task<IResult> ReportData(string name, IGrainFactory grains)
    {
        if (await Known(name, grains) is not { } coordinator) return NotFound(name);
        var status = await coordinator.GetStatus();
        var results = SweepResults.Read(status.Jobs.Select(j => j.OutputDirectory));
        return Results.Json(new SweepReportData(await coordinator.GetSpec(), status.State, results.ToList()), JobJson.Options);
    }

    static async Task<ISweepCoordinatorGrain?> Known(string name, IGrainFactory grains) =>
        (await grains.GetGrain<ISweepIndexGrain>(SweepIndexGrain.Key).List()).Contains(name) ? grains.GetGrain<ISweepCoordinatorGrain>(name) : null;

    static IResult NotFound(string name) => Results.NotFound(new { error = $"no sweep named '{name}'" });
}
