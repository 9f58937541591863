using System.Security.Cryptography.X509Certificates;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Silo.Tests.Tls;

/// <summary>
/// Silo:Tls's files replaced while the silo runs, the way Kubernetes updates a mounted Secret: the
/// files are links into a folder that a link named ..data points at, and an update repoints ..data.
/// </summary>
public sealed class ClusterCertificateFilesTests : IDisposable
{
    readonly CertificateSet set = new();
    readonly CertificateSet other = new();
    readonly string mount = Directory.CreateTempSubdirectory("grn-tls-mount-").FullName;
    int version;

    /// <summary>Writes a new ..version_N folder with these texts and repoints ..data at it.</summary>
    void Update(string certificate, string key, string authorities)
    {
        var folder = Path.Combine(mount, $"..version_{++version}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tls.crt"), certificate);
        File.WriteAllText(Path.Combine(folder, "tls.key"), key);
        File.WriteAllText(Path.Combine(folder, "ca.crt"), authorities);
        var next = Path.Combine(mount, "..data_tmp");
        File.CreateSymbolicLink(next, folder);
        // rename(2) of the new link over the old one, as Kubernetes swaps it (.NET's File.Move follows a link to a folder).
        ToolRun.Start("mv", ["-T", next, Path.Combine(mount, "..data")], mount, TimeSpan.FromSeconds(30)).ExitCode.Should().Be(0);
        foreach (var name in new[] { "tls.crt", "tls.key", "ca.crt" })
            if (!File.Exists(Path.Combine(mount, name))) File.CreateSymbolicLink(Path.Combine(mount, name), Path.Combine("..data", name));
    }

    static string Key(X509Certificate2 node) => node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    SiloTlsOptions Mounted => new() { Enabled = true, CertificatePath = Path.Combine(mount, "tls.crt"), KeyPath = Path.Combine(mount, "tls.key"), CaPath = Path.Combine(mount, "ca.crt") };

    [Fact]
    public void A_renewed_set_is_taken_a_broken_one_refused_once_and_the_last_good_one_kept()
    {
        Update(set.Node.ExportCertificatePem(), Key(set.Node), set.Authority.ExportCertificatePem());
        using var files = ClusterCertificateFiles.Load(Mounted);
        var changes = new List<string>();
        var refusals = new List<string>();
        files.Changed += c => changes.Add(c.Certificate.Thumbprint);
        files.Refused += refusals.Add;

        files.Current.Certificate.Thumbprint.Should().Be(set.Node.Thumbprint);
        files.Current.Should().BeSameAs(files.Current, "unchanged files are not parsed again");
        changes.Should().BeEmpty();

        using var renewed = set.Issue("silo-0");
        Update(renewed.ExportCertificatePem(), Key(renewed), set.Authority.ExportCertificatePem());
        files.Current.Certificate.Thumbprint.Should().Be(renewed.Thumbprint);
        changes.Should().Equal(renewed.Thumbprint);

        // An update whose key belongs to another certificate: refused, said once, the renewed set stays.
        Update(set.Node.ExportCertificatePem(), Key(renewed), set.Authority.ExportCertificatePem());
        files.Current.Certificate.Thumbprint.Should().Be(renewed.Thumbprint);
        files.Current.Certificate.Thumbprint.Should().Be(renewed.Thumbprint);
        refusals.Should().ContainSingle().Which.Should().StartWith($"Silo:Tls:KeyPath {Mounted.KeyPath} does not hold the private key");

        // A new CA in the bundle (rotation: old and new CA together) with a node of the new CA.
        Update(other.Node.ExportCertificatePem(), Key(other.Node), set.Authority.ExportCertificatePem() + "\n" + other.Authority.ExportCertificatePem());
        files.Current.Certificate.Thumbprint.Should().Be(other.Node.Thumbprint);
        files.Current.Accepts(renewed, null).Should().BeTrue("nodes of the old CA are still accepted while the bundle holds it");
        files.Current.Accepts(other.Node, null).Should().BeTrue();
        changes.Should().Equal(renewed.Thumbprint, other.Node.Thumbprint);
    }

    [Fact]
    public void Files_gone_for_a_moment_leave_the_current_set_in_use()
    {
        Update(set.Node.ExportCertificatePem(), Key(set.Node), set.Authority.ExportCertificatePem());
        using var files = ClusterCertificateFiles.Load(Mounted);
        var refusals = new List<string>();
        files.Refused += refusals.Add;

        File.Delete(Path.Combine(mount, "..data"));

        files.Current.Certificate.Thumbprint.Should().Be(set.Node.Thumbprint);
        refusals.Should().ContainSingle().Which.Should().StartWith($"Silo:Tls:CertificatePath {Mounted.CertificatePath} does not exist");
    }

    public void Dispose()
    {
        set.Dispose();
        other.Dispose();
        Directory.Delete(mount, recursive: true);
    }
}
