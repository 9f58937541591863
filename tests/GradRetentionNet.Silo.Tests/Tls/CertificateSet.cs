using System.Security.Cryptography.X509Certificates;

namespace GradRetentionNet.Silo.Tests.Tls;

/// <summary>
/// A CA and node certificates issued by <see cref="CertificateIssuer"/> (what grn-silo certs
/// writes), with validity and extras a test chooses, as PEM files in a temporary folder.
/// </summary>
internal sealed class CertificateSet : IDisposable
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    readonly string folder = Directory.CreateTempSubdirectory("grn-tls-").FullName;

    public CertificateSet(DateTimeOffset? notAfter = null)
    {
        Authority = CertificateIssuer.CreateAuthority(Now.AddDays(-1), Now.AddDays(30));
        Node = CertificateIssuer.IssueNode(Authority, ["silo-0"], Now.AddDays(-1), notAfter ?? Now.AddDays(30));
        Write("ca.crt", Authority.ExportCertificatePem());
        Write("tls.crt", Node.ExportCertificatePem());
        Write("tls.key", Node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Node { get; }

    public string Path(string name) => System.IO.Path.Combine(folder, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(Path(name), text + "\n");
        return Path(name);
    }

    /// <summary>Silo:Tls naming this set's files.</summary>
    public SiloTlsOptions Options => new() { Enabled = true, CertificatePath = Path("tls.crt"), KeyPath = Path("tls.key"), CaPath = Path("ca.crt") };

    /// <summary>A further node certificate from this CA.</summary>
    public X509Certificate2 Issue(string name, DateTimeOffset? notAfter = null) =>
        CertificateIssuer.IssueNode(Authority, [name], Now.AddDays(-1), notAfter ?? Now.AddDays(30));

    public void Dispose()
    {
        Authority.Dispose();
        Node.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
