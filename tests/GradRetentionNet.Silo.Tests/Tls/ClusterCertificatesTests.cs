using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GradRetentionNet.Silo.Tests.Tls;

/// <summary>Silo:Tls's files as the silo loads them at start: what it accepts, each refusal's one line, and the check of a peer.</summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    readonly CertificateSet set = new();
    readonly CertificateSet other = new();

    static Action Loading(SiloTlsOptions options, DateTimeOffset? at = null) => () => ClusterCertificates.Load(options, at ?? DateTimeOffset.UtcNow).Dispose();

    [Fact]
    public void A_node_certificate_its_key_and_its_ca_load_and_accept_a_peer_of_the_same_ca_only()
    {
        using var certificates = ClusterCertificates.Load(set.Options);

        certificates.Certificate.HasPrivateKey.Should().BeTrue();
        certificates.Certificate.Thumbprint.Should().Be(set.Node.Thumbprint);
        certificates.Authorities.Should().ContainSingle().Which.Thumbprint.Should().Be(set.Authority.Thumbprint);
        certificates.Intermediates.Should().BeEmpty();

        using var peer = set.Issue("silo-1");
        certificates.Accepts(peer, null).Should().BeTrue("issued by the cluster's CA, whatever its name");
        certificates.Accepts(other.Node, null).Should().BeFalse("issued by another CA");
        certificates.Accepts(other.Authority, null).Should().BeFalse("another CA's own certificate is no credential either");
    }

    [Fact]
    public void A_peer_whose_certificate_expired_is_refused()
    {
        using var certificates = ClusterCertificates.Load(set.Options);
        using var expired = set.Issue("silo-1", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));

        certificates.Accepts(expired, null).Should().BeFalse();
        certificates.ChainProblem(expired, [], DateTimeOffset.UtcNow).Should().NotBeNull();
    }

    [Fact]
    public void A_node_certificate_from_an_intermediate_loads_with_its_chain_and_accepts_peers_of_that_intermediate()
    {
        // root → intermediate → nodes; the file holds the node then the intermediate, the CA bundle only the root.
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=test root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForCertificateAuthority());
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        using var root = rootRequest.CreateSelfSigned(CertificateSet.Now.AddDays(-2), CertificateSet.Now.AddDays(60));
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=test intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForCertificateAuthority(pathLengthConstraint: 0));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        intermediateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateRequest.PublicKey, critical: false));
        using var intermediatePublic = intermediateRequest.Create(root, CertificateSet.Now.AddDays(-1), CertificateSet.Now.AddDays(50), [1, 2, 3]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);
        using var node = CertificateIssuer.IssueNode(intermediate, ["silo-0"], CertificateSet.Now.AddDays(-1), CertificateSet.Now.AddDays(30));
        using var peer = CertificateIssuer.IssueNode(intermediate, ["silo-1"], CertificateSet.Now.AddDays(-1), CertificateSet.Now.AddDays(30));
        var options = new SiloTlsOptions
        {
            Enabled = true,
            CertificatePath = set.Write("chain.crt", node.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem()),
            KeyPath = set.Write("chain.key", node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()),
            CaPath = set.Write("root.crt", root.ExportCertificatePem()),
        };

        using var certificates = ClusterCertificates.Load(options);

        certificates.Certificate.Thumbprint.Should().Be(node.Thumbprint);
        certificates.Intermediates.Should().ContainSingle().Which.Thumbprint.Should().Be(intermediate.Thumbprint);
        certificates.Accepts(peer, null).Should().BeTrue("the peer sends its own certificate only; the chain goes through this node's intermediate");
        certificates.Accepts(set.Node, null).Should().BeFalse();

        // Without the intermediate in the file, the node's own certificate does not reach the root.
        Loading(options with { CertificatePath = set.Write("leaf.crt", node.ExportCertificatePem()) })
            .Should().Throw<SiloConfigurationException>().WithMessage($"Silo:Tls:CertificatePath {set.Path("leaf.crt")}: its certificate (CN=silo-0, issued by CN=test intermediate) does not chain to the CA in Silo:Tls:CaPath *");
    }

    [Theory]
    [InlineData(nameof(SiloTlsOptions.CertificatePath), "this node's PEM certificate (GRN_Silo__Tls__CertificatePath; in Kubernetes /etc/grn/tls/tls.crt)")]
    [InlineData(nameof(SiloTlsOptions.KeyPath), "the PEM private key of that certificate (GRN_Silo__Tls__KeyPath; in Kubernetes /etc/grn/tls/tls.key)")]
    [InlineData(nameof(SiloTlsOptions.CaPath), "the PEM certificate of the CA that issues the cluster's certificates (GRN_Silo__Tls__CaPath; in Kubernetes /etc/grn/tls/ca.crt)")]
    public void Enabled_without_a_path_names_the_key_and_what_to_give(string key, string what)
    {
        var options = set.Options;
        typeof(SiloTlsOptions).GetProperty(key)!.SetValue(options, " ");

        Loading(options).Should().Throw<SiloConfigurationException>().WithMessage($"Silo:Tls:{key} is not set: Silo:Tls:Enabled is true, so give {what}");
    }

    [Fact]
    public void A_missing_file_is_named_with_its_key()
    {
        var missing = set.Path("nowhere/tls.crt");

        Loading(set.Options with { CertificatePath = missing }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {missing} does not exist: give the path of this node's PEM certificate (grn-silo certs --out DIR writes a set)");
        Loading(set.Options with { CaPath = set.Path("ca.pem") }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CaPath {set.Path("ca.pem")} does not exist: *");
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_named_with_the_reason()
    {
        // A folder where the file should be: unreadable as a file for any user, root included.
        var folder = Directory.CreateDirectory(set.Path("key-folder")).FullName;

        Loading(set.Options with { KeyPath = folder }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:KeyPath {folder} cannot be read: *");
    }

    [Fact]
    public void A_file_without_a_pem_certificate_is_refused()
    {
        var text = set.Write("text.crt", "not a certificate");
        var malformed = set.Write("malformed.crt", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");

        Loading(set.Options with { CaPath = text }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CaPath {text} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        Loading(set.Options with { CertificatePath = malformed }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {malformed} holds a malformed PEM certificate (*)");
    }

    [Fact]
    public void A_key_of_another_certificate_or_none_at_all_is_refused()
    {
        Loading(set.Options with { KeyPath = other.Path("tls.key") }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:KeyPath {other.Path("tls.key")} does not hold the private key of the certificate in Silo:Tls:CertificatePath (CN=silo-0): give the key that belongs to it (it is another certificate's key)");
        Loading(set.Options with { KeyPath = set.Path("ca.crt") }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:KeyPath {set.Path("ca.crt")} does not hold the private key of the certificate in Silo:Tls:CertificatePath (CN=silo-0): give the key that belongs to it (*)");
        var encrypted = set.Write("encrypted.key", set.Node.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem("pass",
            new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)));
        Loading(set.Options with { KeyPath = encrypted }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:KeyPath {encrypted} is encrypted: give the key unencrypted *");
    }

    [Fact]
    public void An_expired_or_not_yet_valid_certificate_is_refused()
    {
        using var expired = new CertificateSet(notAfter: DateTimeOffset.UtcNow.AddHours(-1));

        Loading(expired.Options).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {expired.Path("tls.crt")}: its certificate (CN=silo-0) expired on {expired.Node.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC: renew it *");
        Loading(set.Options, at: DateTimeOffset.UtcNow.AddDays(-3)).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {set.Path("tls.crt")}: its certificate (CN=silo-0) is not valid before * UTC: check this machine's clock, or wait");
    }

    [Fact]
    public void A_certificate_for_server_authentication_only_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=server-only", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var issued = request.Create(set.Authority, CertificateSet.Now.AddDays(-1), CertificateSet.Now.AddDays(10), [7, 7, 7]);

        Loading(set.Options with
        {
            CertificatePath = set.Write("server-only.crt", issued.ExportCertificatePem()),
            KeyPath = set.Write("server-only.key", key.ExportPkcs8PrivateKeyPem()),
        }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {set.Path("server-only.crt")}: its certificate (CN=server-only) is not for client auth: every node opens and accepts connections, so issue it with the usages server auth and client auth (cert-manager: spec.usages)");
    }

    [Fact]
    public void A_certificate_from_another_ca_than_the_bundle_is_refused_at_start()
    {
        Loading(set.Options with { CaPath = other.Path("ca.crt") }).Should().Throw<SiloConfigurationException>()
            .WithMessage($"Silo:Tls:CertificatePath {set.Path("tls.crt")}: its certificate (CN=silo-0, issued by {set.Authority.Subject}) does not chain to the CA in Silo:Tls:CaPath {other.Path("ca.crt")} (*): give the CA that issued it, or a certificate issued by that CA");
    }

    public void Dispose()
    {
        set.Dispose();
        other.Dispose();
    }
}
