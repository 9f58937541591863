namespace GradRetentionNet.Silo;

/// <summary>
/// Silo:Tls (GRN_Silo__Tls__*): mutual TLS on Orleans' silo-to-silo and gateway ports. Every
/// connection presents this node's certificate and accepts the other end only if its certificate
/// chains to the CA bundle. Off by default; grn run's embedded silo never turns it on.
/// </summary>
public sealed record SiloTlsOptions
{
    public const string Section = $"{SiloOptions.Section}:Tls";

    /// <summary>Require TLS with a certificate on both ends of every Orleans connection.</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM certificate of this node, then any intermediates (cert-manager's tls.crt).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of that certificate, unencrypted (tls.key).</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM CA bundle a peer's certificate must chain to (ca.crt).</summary>
    public string? CaPath { get; set; }
}
