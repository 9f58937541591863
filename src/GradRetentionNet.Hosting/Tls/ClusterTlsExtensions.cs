using Orleans.Connections.Security;

namespace GradRetentionNet.Silo;

/// <summary>
/// Mutual TLS on Orleans connections (Microsoft.Orleans.Connections.Security) with the cluster's
/// certificates: a silo's silo-to-silo and gateway connections, and an Orleans client's gateway
/// connections. Both ends present a certificate and both require one from the other.
/// </summary>
public static class ClusterTlsExtensions
{
    /// <summary>TLS on the silo and gateway ports and on the connections this silo opens to other silos.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCertificates certificates) =>
        silo.UseTls(options => Configure(options, certificates));

    /// <summary>An Orleans client that connects to TLS gateways with the cluster's certificates (e.g. from the same Silo:Tls files).</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCertificates certificates) =>
        client.UseTls(options => Configure(options, certificates));

    /// <summary>Both ends present <see cref="ClusterCertificates.Certificate"/> and accept the other end only as <see cref="ClusterCertificates.Accepts"/> says.</summary>
    internal static void Configure(TlsOptions options, ClusterCertificates certificates)
    {
        options.LocalCertificate = certificates.Certificate;
        // RemoteCertificateMode: what a listening end demands; ClientCertificateMode: what a connecting end sends.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, chain, _) => certificates.Accepts(certificate, chain);
    }
}
