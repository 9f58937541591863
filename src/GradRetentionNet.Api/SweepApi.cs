using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GradRetentionNet.Api;

/// <summary>
/// The sweep HTTP API every silo serves: submit, list, status, results, report data, cancel,
/// retry-failed. Every body is JSON in the project's one naming (<see cref="JobJson"/>: snake_case,
/// states as lower-case words); every error is <c>{"error": "one line"}</c>.
/// </summary>
public static class SweepApi
{
    /// <summary>The largest spec accepted (1 MiB); larger ones get 413. A spec of the biggest sweep is a few kilobytes.</summary>
    public const int MaxSpecBytes = 1 << 20;

    /// <summary>The API's services: its options and the JSON naming of every body.</summary>
    public static IServiceCollection AddSweepApi(this IServiceCollection services, SweepApiOptions options) =>
        services.AddSingleton(options).ConfigureHttpJsonOptions(json => JobJson.Apply(json.SerializerOptions));

    /// <summary>The bearer-token check (before routing) and the /api/sweeps endpoints; <see cref="AddSweepApi"/> must have run.</summary>
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

    /// <summary>The body is the YAML spec (at most <see cref="MaxSpecBytes"/>); it is parsed once, here, and travels typed.</summary>
    static async Task<IResult> Submit(HttpRequest request, IGrainFactory grains, SweepApiOptions options)
    {
        if (await SpecBody.Read(request, MaxSpecBytes) is not { } yaml)
            return Error($"the spec is larger than {MaxSpecBytes / 1024} KiB: a sweep spec is a few kilobytes; send the YAML file itself", StatusCodes.Status413PayloadTooLarge);
        SweepSpec spec;
        try
        {
            spec = SweepSpecParser.Parse(yaml, "request body");
            SweepExpander.CheckSize(spec, "request body");
        }
        catch (ArgumentException e)
        {
            return Error(e.Message, StatusCodes.Status400BadRequest);
        }
        var coordinator = grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        try
        {
            var status = await coordinator.Submit(new SweepSubmission(spec, yaml, Path.GetFullPath(options.OutputRoot)));
            return Results.Accepted($"/api/sweeps/{spec.Name}", status);
        }
        catch (ArgumentException e)
        {
            return Error(e.Message, StatusCodes.Status409Conflict);
        }
    }

    /// <summary>Every sweep's state and counts (no job rows).</summary>
    static async Task<IResult> List(IGrainFactory grains)
    {
        var names = await grains.GetGrain<ISweepIndexGrain>(GrainKeys.SweepIndex).List();
        return Results.Ok(await Task.WhenAll(names.Select(name => grains.GetGrain<ISweepCoordinatorGrain>(name).GetStatus(withJobs: false))));
    }

    /// <summary>The sweep's state and counts, and each job's row unless <c>?jobs=false</c>.</summary>
    static async Task<IResult> Status(string name, IGrainFactory grains, bool? jobs) =>
        await Known(name, grains) is { } coordinator ? Results.Ok(await coordinator.GetStatus(jobs ?? true)) : NotFound(name);

    static async Task<IResult> Aggregate(string name, IGrainFactory grains)
    {
        if (await Known(name, grains) is not { } coordinator || await coordinator.GetSubmission() is not { } submission) return NotFound(name);
        var status = await coordinator.GetStatus();
        var aggregate = SweepAggregation.Aggregate(submission.Spec, status.Jobs!.Select(j => j.OutputDirectory));
        return Results.Ok(new SweepResultsData(status.State, AggregateRow.From(aggregate), aggregate));
    }

    /// <summary>
    /// The spec and every job's result (per-epoch figures; the per-batch rows stay in each job's
    /// batches.csv), so a client can draw the report without access to the shared results volume.
    /// </summary>
    static async Task<IResult> ReportData(string name, IGrainFactory grains)
    {
        if (await Known(name, grains) is not { } coordinator || await coordinator.GetSubmission() is not { } submission) return NotFound(name);
        var status = await coordinator.GetStatus();
        var results = SweepAggregation.Read(status.Jobs!.Select(j => j.OutputDirectory));
        return Results.Ok(new SweepReportData(submission.SpecYaml, status.State, results.ToList()));
    }

    static async Task<ISweepCoordinatorGrain?> Known(string name, IGrainFactory grains) =>
        (await grains.GetGrain<ISweepIndexGrain>(GrainKeys.SweepIndex).List()).Contains(name) ? grains.GetGrain<ISweepCoordinatorGrain>(name) : null;

    static IResult NotFound(string name) => Error($"no sweep named '{name}'", StatusCodes.Status404NotFound);

    internal static IResult Error(string message, int status) => Results.Json(new ApiError(message), statusCode: status);
}
