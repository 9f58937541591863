using System.Security.Cryptography;
using System.Text;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using Microsoft.AspNetCore.Http;

namespace GradRetentionNet.Api;

/// <summary>
/// Lets /api requests through only with "Authorization: Bearer &lt;token&gt;" matching the
/// configured token (compared in constant time); others get 401. The token is never logged.
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    readonly byte[] expected = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api") && !Authorised(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new ApiError("missing or wrong bearer token: send 'Authorization: Bearer <token>'"), JobJson.Options);
            return;
        }
        await next(context);
    }

    bool Authorised(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
