using System.Net;
using System.Net.Sockets;
using GradRetentionNet.Grains;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests;

/// <summary>A real grn-silo given a setting it cannot start with: one line on stderr, exit 2, no stack trace.</summary>
public sealed class SiloConfigurationTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-silo-config-").FullName;

    [Theory]
    [InlineData("GRN_Silo__ApiToken", "", "Silo:ApiToken is not set: configure it*")]
    [InlineData("GRN_Silo__Slots", "0", "Silo:Slots is 0: it must be at least 1")]
    [InlineData("GRN_Silo__Slots", "two", "Silo:Slots is 'two': give a whole number")]
    [InlineData("GRN_Silo__Gpus", "-1", "Silo:Gpus is -1: give 0 (train on the CPU)*")]
    [InlineData("GRN_Silo__SiloPort", "70000", "Silo:SiloPort is 70000: give a TCP port from 1 to 65535, or 0 to pick a free one")]
    [InlineData("GRN_Silo__ClusterId", " ", "Silo:ClusterId is empty: set it or leave it out for the default")]
    [InlineData("GRN_Silo__Clustering", "mongo", "Silo:Clustering is 'mongo': use localhost or postgres")]
    [InlineData("GRN_Silo__Clustering", "postgres", "Silo:ConnectionString is not set: Silo:Clustering is postgres*")]
    [InlineData("GRN_Silo__LogFormat", "xml", "Silo:LogFormat is 'xml': use json or console")]
    [InlineData("GRN_Serilog__MinimumLevel__Default", "Loud", "Serilog:MinimumLevel:Default is 'Loud': use Verbose, Debug, *")]
    [InlineData("GRN_Silo__Tls__Enabled", "yes", "Silo:Tls:Enabled is 'yes': use true or false")]
    [InlineData("GRN_Silo__Tls__Enabled", "true", "Silo:Tls:CertificatePath is not set: Silo:Tls:Enabled is true, so give this node's PEM certificate*")]
    public void A_setting_the_silo_cannot_start_with_is_one_line_and_exit_2(string variable, string value, string message)
    {
        var environment = SiloProcess.Settings(folder, "token", FreePorts.Next());
        environment[variable] = value;

        var (exitCode, output, error) = GrnSiloProcess.Run(environment);

        exitCode.Should().Be(2, "grn-silo printed:\n{0}{1}", output, error);
        error.Should().EndWith("\n");
        error.TrimEnd('\n').Should().NotContain("\n").And.Match($"error: {message}");
        (output + error).Should().NotContain("   at ", "no stack trace").And.NotContain("Unhandled exception");
    }

    [Theory]
    [InlineData("ASPNETCORE_URLS", "error: Failed to bind to address http://127.0.0.1:{0}: address already in use; stop the process listening there, or give the HTTP API another address (ASPNETCORE_URLS or --urls)")]
    [InlineData("GRN_Silo__SiloPort", "error: a silo port is already in use (Silo:SiloPort {0}, Silo:GatewayPort *); stop the process listening there, or set Silo:SiloPort and Silo:GatewayPort to free ports")]
    [InlineData("GRN_Silo__GatewayPort", "error: a silo port is already in use (Silo:SiloPort *, Silo:GatewayPort {0}); stop the process listening there, or set Silo:SiloPort and Silo:GatewayPort to free ports")]
    public void A_port_another_process_listens_on_is_named_in_one_line_and_exit_2(string variable, string message)
    {
        using var other = new TcpListener(IPAddress.Loopback, FreePorts.Next());
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;
        var environment = SiloProcess.Settings(folder, "token", FreePorts.Next());
        environment[variable] = variable == "ASPNETCORE_URLS" ? $"http://127.0.0.1:{port}" : port.ToString();

        var (exitCode, output, error) = GrnSiloProcess.Run(environment);

        exitCode.Should().Be(2, "grn-silo printed:\n{0}{1}", output, error);
        // Orleans logs its listener's failure (stdout); stderr has only the line that says what to change.
        error.TrimEnd('\n').Should().NotContain("\n").And.Match(string.Format(message, port));
        (output + error).Should().NotContain("Unhandled exception");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
