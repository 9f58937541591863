using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GradRetentionNet.Silo;

/// <summary>
/// The certificates of mutual TLS (Silo:Tls): this node's certificate with its key and
/// intermediates, and the CA bundle a peer's certificate must chain to. <see cref="Load"/> checks
/// them as the silo starts, so a bad setting is one line at start rather than a cluster whose
/// connections all fail. A peer is accepted on its chain alone, without a host-name check: silos
/// and clients reach each other at pod IPs that change with every restart, so no name in a
/// certificate could match them; holding a certificate from the cluster's CA is the credential.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    internal ClusterCertificates(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Authorities = authorities;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The certificates after the first in Silo:Tls:CertificatePath. Orleans sends a node's own
    /// certificate only, so a peer's chain is built with these: nodes issued by one intermediate
    /// (one cert-manager Issuer) verify each other while the CA bundle holds only the root.
    /// </summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The CA bundle of Silo:Tls:CaPath: the only roots a peer's certificate may chain to.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Reads and checks the files Silo:Tls names; throws a one-line <see cref="SiloConfigurationException"/> naming the key.</summary>
    public static ClusterCertificates Load(SiloTlsOptions options) => Load(options, DateTimeOffset.UtcNow);

    internal static ClusterCertificates Load(SiloTlsOptions options, DateTimeOffset now) => Parse(options, Read(options), now);

    /// <summary>The three files' text, as read now.</summary>
    internal sealed record PemTexts(string Certificate, string Key, string Authorities);

    internal static PemTexts Read(SiloTlsOptions options) => new(
        Read(nameof(SiloTlsOptions.CertificatePath), options.CertificatePath, "this node's PEM certificate", "tls.crt"),
        Read(nameof(SiloTlsOptions.KeyPath), options.KeyPath, "the PEM private key of that certificate", "tls.key"),
        Read(nameof(SiloTlsOptions.CaPath), options.CaPath, "the PEM certificate of the CA that issues the cluster's certificates", "ca.crt"));

    /// <summary>Checks <paramref name="texts"/> as read from the files <paramref name="options"/> names (which the messages name).</summary>
    internal static ClusterCertificates Parse(SiloTlsOptions options, PemTexts texts, DateTimeOffset now)
    {
        var chain = Certificates(nameof(SiloTlsOptions.CertificatePath), options.CertificatePath!, texts.Certificate);
        var authorities = Certificates(nameof(SiloTlsOptions.CaPath), options.CaPath!, texts.Authorities);
        var certificate = WithKey(options, texts.Certificate, texts.Key, chain[0]);
        CheckUsable(options.CertificatePath!, certificate, now);

        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < chain.Count; i++) intermediates.Add(chain[i]);
        var loaded = new ClusterCertificates(certificate, intermediates, authorities);
        if (loaded.ChainProblem(certificate, intermediates, now) is { } problem)
            throw Problem(nameof(SiloTlsOptions.CertificatePath), $"{options.CertificatePath}: its certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to the CA in {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CaPath)} {options.CaPath} ({problem}): give the CA that issued it, or a certificate issued by that CA");
        return loaded;
    }

    /// <summary>
    /// Orleans' check of the other end's certificate (TlsOptions.RemoteCertificateValidation), on
    /// silo, gateway and client connections alike: it must chain to <see cref="Authorities"/>, through
    /// <see cref="Intermediates"/> or any the peer sent, and be within its validity. The platform's
    /// verdict is not used: it trusts the machine's CA store and checks a host name (see the class summary).
    /// </summary>
    public bool Accepts(X509Certificate2 peer, X509Chain? presented)
    {
        var intermediates = new X509Certificate2Collection(Intermediates);
        if (presented is not null)
        {
            intermediates.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements.Skip(1)) intermediates.Add(element.Certificate);
        }
        return ChainProblem(peer, intermediates, DateTimeOffset.UtcNow) is null;
    }

    /// <summary>Null when <paramref name="certificate"/> chains to the CA bundle at <paramref name="at"/>; else the chain's complaints.</summary>
    internal string? ChainProblem(X509Certificate2 certificate, X509Certificate2Collection intermediates, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        // A private CA publishes no revocation list; a compromised node is cut off by replacing the CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate)) return null;
        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return string.Join("; ", reasons) is { Length: > 0 } text ? text : "no chain";
    }

    static string Read(string key, string? path, string what, string kubernetesFile)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw Problem(key, $"is not set: {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.Enabled)} is true, so give {what} (GRN_Silo__Tls__{key}; in Kubernetes /etc/grn/tls/{kubernetesFile})");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Problem(key, $"{path} does not exist: give the path of {what} (grn-silo certs --out DIR writes a set)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Problem(key, $"{path} cannot be read: {e.Message}");
        }
    }

    static X509Certificate2Collection Certificates(string key, string path, string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw Problem(key, $"{path} holds a malformed PEM certificate ({e.Message})");
        }
        return certificates.Count > 0
            ? certificates
            : throw Problem(key, $"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }

    /// <summary>The first certificate of the file with the key; on Linux OpenSSL serves the in-memory key as it is.</summary>
    static X509Certificate2 WithKey(SiloTlsOptions options, string certificatePem, string keyPem, X509Certificate2 certificate)
    {
        if (keyPem.Contains("ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
            throw Problem(nameof(SiloTlsOptions.KeyPath), $"{options.KeyPath} is encrypted: give the key unencrypted (the file's permissions protect it, as in a Kubernetes Secret)");
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: a well-formed key of another certificate; CryptographicException: no key, or a malformed one.
            var why = e is ArgumentException ? "it is another certificate's key" : e.Message.TrimEnd('.');
            throw Problem(nameof(SiloTlsOptions.KeyPath),
                $"{options.KeyPath} does not hold the private key of the certificate in {SiloTlsOptions.Section}:{nameof(SiloTlsOptions.CertificatePath)} ({certificate.Subject}): give the key that belongs to it ({why})");
        }
    }

    static void CheckUsable(string path, X509Certificate2 certificate, DateTimeOffset now)
    {
        const string key = nameof(SiloTlsOptions.CertificatePath);
        if (now < certificate.NotBefore.ToUniversalTime())
            throw Problem(key, $"{path}: its certificate ({certificate.Subject}) is not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC: check this machine's clock, or wait");
        if (now > certificate.NotAfter.ToUniversalTime())
            throw Problem(key, $"{path}: its certificate ({certificate.Subject}) expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC: renew it (cert-manager renews the Secret; grn-silo certs writes a new set)");
        // Every node both accepts connections and opens them, so it needs both usages (or no restriction at all).
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usages)
        {
            var missing = new[] { (ServerAuthentication, "server auth"), (ClientAuthentication, "client auth") }
                .Where(u => !usages.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == u.Item1)).Select(u => u.Item2).ToList();
            if (missing.Count > 0)
                throw Problem(key, $"{path}: its certificate ({certificate.Subject}) is not for {string.Join(" and ", missing)}: every node opens and accepts connections, so issue it with the usages server auth and client auth (cert-manager: spec.usages)");
        }
    }

    static SiloConfigurationException Problem(string key, string text) => new($"{SiloTlsOptions.Section}:{key} {text}");

    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var certificate in Intermediates) certificate.Dispose();
        foreach (var certificate in Authorities) certificate.Dispose();
    }
}
