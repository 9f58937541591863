using GradRetentionNet.Silo;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>A CA and node certificate written by the real <c>grn-silo certs</c>, in a temporary folder: what the rehearsal and compose use.</summary>
internal sealed class TlsFiles : IDisposable
{
    readonly TemporaryFolder folder = new("grn-tls-files-");

    TlsFiles() { }

    public static TlsFiles Write()
    {
        var files = new TlsFiles();
        var (exitCode, output, error) = GrnSiloProcess.Run(new Dictionary<string, string>(), "certs", "--out", files.folder.Path, "--days", "2");
        if (exitCode != 0) throw new InvalidOperationException($"grn-silo certs exited {exitCode}: {output}{error}");
        return files;
    }

    public string Path(string name) => folder.File(name);

    public SiloTlsOptions Options => new() { Enabled = true, CertificatePath = Path("tls.crt"), KeyPath = Path("tls.key"), CaPath = Path("ca.crt") };

    /// <summary>grn-silo's settings for these files, as the chart sets them.</summary>
    public IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["GRN_Silo__Tls__Enabled"] = "true",
        ["GRN_Silo__Tls__CertificatePath"] = Path("tls.crt"),
        ["GRN_Silo__Tls__KeyPath"] = Path("tls.key"),
        ["GRN_Silo__Tls__CaPath"] = Path("ca.crt"),
    };

    public ClusterCertificates Load() => ClusterCertificates.Load(Options);

    public void Dispose() => folder.Dispose();
}
