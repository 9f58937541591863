using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>
/// What a kubernetes.io/tls secret from cert-manager's CA issuer holds, written as the kubelet
/// mounts it: ca.crt (a private CA), tls.crt and tls.key (a node certificate it issued for server
/// and client auth, ECDSA P-256, the key in PKCS#8 as the chart's Certificate asks).
/// </summary>
public static class ClusterCertificateFiles
{
    public static void Write(string folder)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=grn test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest("CN=grn-gradretentionnet-silo", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var node = nodeRequest.Create(ca, now.AddMinutes(-5), now.AddHours(12), [1, 2, 3, 4]);

        File.WriteAllText(Path.Combine(folder, "ca.crt"), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "tls.crt"), node.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(folder, "tls.key"), nodeKey.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
