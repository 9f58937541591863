using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests.Tls;

/// <summary>grn-silo certs as a process: the files it writes, what openssl and the silo's own checks make of them, and its refusals.</summary>
public sealed class CertsCommandTests : IDisposable
{
    readonly TemporaryFolder folder = new("grn-certs-");

    static (int ExitCode, string Output, string Error) Certs(params string[] arguments) => GrnSiloProcess.Run(new Dictionary<string, string>(), ["certs", .. arguments]);

    [Fact]
    public void It_writes_a_ca_and_a_node_certificate_for_server_and_client_auth_that_openssl_and_the_silo_accept()
    {
        var output = folder.File("tls");

        var (exitCode, stdout, stderr) = Certs("--out", output, "--days", "30", "--name", "silo-0.grn", "--name", "10.1.2.3");

        exitCode.Should().Be(0, stderr);
        stdout.Should().Contain($"wrote {Path.Combine(output, "ca.crt")} (CA CN=GradRetentionNet cluster CA ")
            .And.Contain("(CN=silo-0.grn: server and client auth for localhost, 127.0.0.1, ::1, silo-0.grn, 10.1.2.3, valid until");
        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo(["ca.crt", "tls.crt", "tls.key"], "no temporary file is left behind");
        if (!OperatingSystem.IsWindows()) // (this project builds for Linux; the guard is for the analyzer)
            File.GetUnixFileMode(Path.Combine(output, "tls.key")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        foreach (var purpose in new[] { "sslserver", "sslclient" })
        {
            var verify = ToolRun.Start("openssl", ["verify", "-CAfile", "ca.crt", "-purpose", purpose, "tls.crt"], output, TimeSpan.FromSeconds(30));
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Output.Trim().Should().Be("tls.crt: OK");
        }
        var text = ToolRun.Start("openssl", ["x509", "-in", "tls.crt", "-noout", "-ext", "subjectAltName,extendedKeyUsage", "-enddate"], output, TimeSpan.FromSeconds(30));
        text.Output.Should().Contain("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:silo-0.grn, IP Address:10.1.2.3")
            .And.Contain("TLS Web Server Authentication, TLS Web Client Authentication");

        using var certificates = ClusterCertificates.Load(new SiloTlsOptions
        {
            Enabled = true,
            CertificatePath = Path.Combine(output, "tls.crt"),
            KeyPath = Path.Combine(output, "tls.key"),
            CaPath = Path.Combine(output, "ca.crt"),
        });
        certificates.Certificate.NotAfter.ToUniversalTime().Should().BeCloseTo(DateTime.UtcNow.AddDays(30), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void It_refuses_to_replace_a_set_unless_forced()
    {
        var output = folder.File("tls");
        Certs("--out", output).ExitCode.Should().Be(0);
        var first = File.ReadAllText(Path.Combine(output, "tls.crt"));

        var again = Certs("--out", output);

        again.ExitCode.Should().Be(2);
        again.Error.Trim().Should().Be($"error: {Path.Combine(output, "ca.crt")} already exists: give --force to replace ca.crt, tls.crt, tls.key, or another --out");
        File.ReadAllText(Path.Combine(output, "tls.crt")).Should().Be(first);

        var forced = Certs("--out", output, "--force");
        forced.ExitCode.Should().Be(0, forced.Error);
        File.ReadAllText(Path.Combine(output, "tls.crt")).Should().NotBe(first);
    }

    [Theory]
    [InlineData(new string[0], "error: --out is missing: give the folder to write ca.crt, tls.crt and tls.key into (usage: grn-silo certs --out DIR [--days N] [--name NAME]... [--force])")]
    [InlineData(new[] { "--out" }, "error: --out needs a value: usage: *")]
    [InlineData(new[] { "--out", "x", "--days", "0" }, "error: --days is '0': give a whole number of days from 1 to 3650")]
    [InlineData(new[] { "--out", "x", "--days", "ten" }, "error: --days is 'ten': give a whole number of days from 1 to 3650")]
    [InlineData(new[] { "--out", "x", "--name", "not a name" }, "error: --name is 'not a name': give a host name (letters, digits, '-' and '.') or an IP address")]
    [InlineData(new[] { "--out", "x", "--ca-key" }, "error: unknown argument '--ca-key': usage: *")]
    public void Bad_arguments_are_one_line_and_exit_2(string[] arguments, string expected)
    {
        var (exitCode, output, error) = Certs(arguments);

        exitCode.Should().Be(2);
        error.TrimEnd('\n').Should().NotContain("\n").And.Match(expected);
        output.Should().BeEmpty();
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "x")).Should().BeFalse("nothing is written");
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_one_line_and_exit_1()
    {
        var file = folder.File("a-file");
        File.WriteAllText(file, "");

        var (exitCode, _, error) = Certs("--out", Path.Combine(file, "tls"));

        exitCode.Should().Be(1);
        error.TrimEnd('\n').Should().NotContain("\n").And.StartWith($"error: cannot write into {Path.Combine(file, "tls")}: ");
    }

    public void Dispose() => folder.Dispose();
}
