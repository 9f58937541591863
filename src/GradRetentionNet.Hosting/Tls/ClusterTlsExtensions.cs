using Orleans.Connections.Security;

namespace GradRetentionNet.Silo;

/// <summary>
/// Mutual TLS on Orleans connections (Microsoft.Orleans.Connections.Security) with the cluster's
/// certificates: a silo's silo-to-silo and gateway connections, and an Orleans client's gateway
/// connections. Both ends present a certificate and both require one from the other.
/// </summary>
public static class ClusterTlsExtensions
{
    /// <summary>
    /// TLS on the silo and gateway ports and on the connections this silo opens to other silos,
    /// each new connection with the files' current certificates (<see cref="ClusterCertificateFiles.Current"/>).
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCertificateFiles files) =>
        silo.UseTls(options => Configure(options, () => files.Current));

    /// <summary>An Orleans client that connects to TLS gateways with the cluster's certificates (e.g. from the same Silo:Tls files).</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCertificateFiles files) =>
        client.UseTls(options => Configure(options, () => files.Current));

    /// <summary>An Orleans client with a fixed set of the cluster's certificates.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCertificates certificates) =>
        client.UseTls(options => Configure(options, () => certificates));

    /// <summary>
    /// Both ends present the current <see cref="ClusterCertificates.Certificate"/> and accept the
    /// other end only as the current <see cref="ClusterCertificates.Accepts"/> says; asked per connection.
    /// </summary>
    internal static void Configure(TlsOptions options, Func<ClusterCertificates> current)
    {
        // Orleans wants one as the host is built; the selectors below replace it on every connection.
        options.LocalCertificate = current().Certificate;
        options.LocalServerCertificateSelector = (_, _) => current().Certificate;
        options.LocalClientCertificateSelector = (_, _, _, _, _) => current().Certificate;
        // RemoteCertificateMode: what a listening end demands; ClientCertificateMode: what a connecting end sends.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, chain, _) => current().Accepts(certificate, chain);
    }
}
