using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GradRetentionNet.Silo;

/// <summary>
/// A private CA and a node certificate it signs (ECDSA P-256), for rehearsals, compose and tests:
/// what <c>grn-silo certs</c> writes. A real cluster takes its certificates from cert-manager or
/// its own PKI instead; the checks in <see cref="ClusterCertificates"/> are the same.
/// </summary>
internal static class CertificateIssuer
{
    /// <summary>Names every node certificate carries besides its own, so silos and clients on one machine need no other.</summary>
    public static readonly IReadOnlyList<string> LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    /// <summary>A self-signed CA, with its private key, that may sign node certificates but no further CAs.</summary>
    public static X509Certificate2 CreateAuthority(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A fresh suffix per CA: two rehearsals' CAs never share a name, so a chain never mistakes one for the other.
        var request = new CertificateRequest($"CN=GradRetentionNet cluster CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForCertificateAuthority(pathLengthConstraint: 0));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>
    /// A node certificate signed by <paramref name="authority"/>, with its private key: for TLS server
    /// and client authentication (a node both accepts and opens connections), subject the first of
    /// <paramref name="names"/>, alternative names <see cref="LoopbackNames"/> and <paramref name="names"/>.
    /// </summary>
    public static X509Certificate2 IssueNode(X509Certificate2 authority, IReadOnlyList<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names[0]);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForEndEntity());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "serverAuth"), new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (authority.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any())
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var alternatives = new SubjectAlternativeNameBuilder();
        foreach (var name in LoopbackNames.Concat(names).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address)) alternatives.AddIpAddress(address);
            else alternatives.AddDnsName(name);
        }
        request.CertificateExtensions.Add(alternatives.Build());
        using var certificate = request.Create(authority, notBefore, notAfter, SerialNumber());
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>16 random bytes, positive as RFC 5280 asks.</summary>
    static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
