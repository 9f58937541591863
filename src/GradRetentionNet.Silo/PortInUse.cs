using Microsoft.AspNetCore.Connections;

namespace GradRetentionNet.Silo;

/// <summary>
/// A port grn-silo was told to listen on belongs to another process. Kestrel and Orleans both throw
/// <see cref="AddressInUseException"/>, which would end the process as an unhandled exception's
/// stack trace; the operator's fix is a setting, so grn-silo says which in one line instead.
/// </summary>
internal static class PortInUse
{
    /// <summary>One line naming the taken address and the setting to change, or null when <paramref name="error"/> is something else.</summary>
    public static string? Explain(Exception error, IConfiguration configuration)
    {
        var (inUse, wrapper) = ExceptionChain.Of(error).FirstOrDefault(link => link.Error is AddressInUseException);
        if (inUse is null) return null;
        // Kestrel wraps it in an IOException naming the address: "Failed to bind to address http://…: address already in use."
        if (wrapper is IOException http)
            return $"{http.Message.TrimEnd('.')}; stop the process listening there, or give the HTTP API another address (ASPNETCORE_URLS or --urls)";
        // Orleans' listeners throw it bare: which of the two ports it was is only in their logs.
        var silo = configuration.GetSection(SiloOptions.Section);
        return $"a silo port is already in use (Silo:SiloPort {Port(silo[nameof(SiloOptions.SiloPort)])}, Silo:GatewayPort {Port(silo[nameof(SiloOptions.GatewayPort)])}); "
            + "stop the process listening there, or set Silo:SiloPort and Silo:GatewayPort to free ports";
    }

    static string Port(string? configured) => string.IsNullOrEmpty(configured) || configured == "0" ? "0 (any free port)" : configured;
}
