using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GradRetentionNet.Api;

/// <summary>
/// Turns the cluster's transient failures — a grain call rejected or timed out while a silo joins,
/// dies or hands over its grains — into 503 with Retry-After and a one-line error, logged with the
/// cause, instead of a bare 500: the request is safe to repeat, and clients do.
/// </summary>
internal sealed class ClusterUnavailableFilter(ILogger<ClusterUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "{Method} {Path}: the cluster could not answer ({Error}); told the client to retry", context.HttpContext.Request.Method, context.HttpContext.Request.Path, e.Message);
            context.HttpContext.Response.Headers.RetryAfter = "2";
            return SweepApi.Error($"the cluster could not answer just now ({e.GetType().Name}): try again in a few seconds", StatusCodes.Status503ServiceUnavailable);
        }
    }
}
