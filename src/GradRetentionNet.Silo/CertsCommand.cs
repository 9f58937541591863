using System.Security.Cryptography.X509Certificates;
using GradRetentionNet.Contracts.Files;

namespace GradRetentionNet.Silo;

/// <summary>
/// grn-silo certs: writes a private CA (ca.crt) and one node certificate it signed (tls.crt, with
/// its key tls.key, mode 0600) into --out, the file names of a kubernetes.io/tls Secret, for
/// Silo:Tls in rehearsals, compose and tests. Every silo and client of such a cluster can share the
/// node certificate. The CA's key is not kept: this CA signs this one certificate and nothing else.
/// Exit 0: written; 2: bad arguments, or the files exist without --force; 1: they cannot be written.
/// </summary>
internal static class CertsCommand
{
    public static readonly string[] Files = ["ca.crt", "tls.crt", "tls.key"];

    /// <summary>Up to five minutes before now: a peer whose clock is a little behind still accepts the certificate.</summary>
    static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (arguments is ["--help"] or ["-h"])
        {
            output.WriteLine(CertsArguments.Usage);
            return 0;
        }
        CertsArguments parsed;
        try
        {
            parsed = CertsArguments.Parse(arguments);
        }
        catch (ArgumentException e)
        {
            return Fail(error, 2, e.Message);
        }

        var folder = Path.GetFullPath(parsed.Out);
        var paths = Files.Select(f => Path.Combine(folder, f)).ToArray();
        if (!parsed.Force && paths.FirstOrDefault(File.Exists) is { } existing)
            return Fail(error, 2, $"{existing} already exists: give --force to replace {string.Join(", ", Files)}, or another --out");

        var notBefore = DateTimeOffset.UtcNow - ClockSkew;
        var notAfter = DateTimeOffset.UtcNow.AddDays(parsed.Days);
        using var authority = CertificateIssuer.CreateAuthority(notBefore, notAfter);
        using var node = CertificateIssuer.IssueNode(authority, parsed.Names, notBefore, notAfter);
        try
        {
            Directory.CreateDirectory(folder);
            AtomicFile.WriteText(paths[0], authority.ExportCertificatePem() + "\n");
            AtomicFile.WriteText(paths[1], node.ExportCertificatePem() + "\n");
            AtomicFile.Write(paths[2], stream =>
            {
                // Owner-only before the key is in it, so no moment exists where others could read it.
                if (!OperatingSystem.IsWindows() && stream is FileStream file)
                    File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                using var writer = new StreamWriter(stream, leaveOpen: true);
                writer.Write(PrivateKeyPem(node) + "\n");
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, 1, $"cannot write into {folder}: {e.Message}");
        }

        var until = $"valid until {notAfter:yyyy-MM-dd HH:mm} UTC";
        output.WriteLine($"wrote {paths[0]} (CA {authority.Subject}, {until})");
        output.WriteLine($"wrote {paths[1]} ({node.Subject}: server and client auth for {string.Join(", ", CertificateIssuer.LoopbackNames.Concat(parsed.Names).Distinct(StringComparer.OrdinalIgnoreCase))}, {until})");
        output.WriteLine($"wrote {paths[2]} (its private key, mode 0600)");
        return 0;
    }

    static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the node certificate has no ECDSA key");
        return key.ExportPkcs8PrivateKeyPem();
    }

    static int Fail(TextWriter error, int exitCode, string message)
    {
        error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
        return exitCode;
    }
}
