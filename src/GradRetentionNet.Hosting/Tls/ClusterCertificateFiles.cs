namespace GradRetentionNet.Silo;

/// <summary>
/// The cluster's certificates as Silo:Tls's files hold them now. A silo lives longer than its
/// certificate: cert-manager renews the Secret before it expires and Kubernetes updates the mounted
/// files in place, while training silos are not restarted for it. So every new connection asks for
/// <see cref="Current"/>, which re-reads the three files (a few KB) and takes a changed set once it
/// passes the same checks as at start; a set that fails them is refused, the last good one stays in
/// use, and <see cref="Refused"/> says why. Connections already open keep their handshake.
/// </summary>
public sealed class ClusterCertificateFiles : IDisposable
{
    readonly SiloTlsOptions options;
    readonly Lock gate = new();
    ClusterCertificates current;
    ClusterCertificates.PemTexts loaded;
    ClusterCertificates.PemTexts? refused;
    string? lastProblem;

    ClusterCertificateFiles(SiloTlsOptions options, ClusterCertificates.PemTexts texts, ClusterCertificates certificates)
    {
        this.options = options;
        loaded = texts;
        current = certificates;
    }

    /// <summary>The files as the silo starts: a bad setting throws the one-line <see cref="SiloConfigurationException"/> that stops the start.</summary>
    public static ClusterCertificateFiles Load(SiloTlsOptions options)
    {
        var texts = ClusterCertificates.Read(options);
        return new ClusterCertificateFiles(options, texts, ClusterCertificates.Parse(options, texts, DateTimeOffset.UtcNow));
    }

    /// <summary>A changed set was taken (its certificate is the argument).</summary>
    public event Action<ClusterCertificates>? Changed;

    /// <summary>A changed set failed the checks and was not taken (the one-line reason is the argument).</summary>
    public event Action<string>? Refused;

    /// <summary>The set in use: the files' current one when they changed and it passes the checks, else the last good one.</summary>
    public ClusterCertificates Current
    {
        get
        {
            ClusterCertificates.PemTexts? texts = null;
            string? problem = null;
            try
            {
                texts = ClusterCertificates.Read(options);
            }
            catch (SiloConfigurationException e)
            {
                problem = e.Message; // mid-update, or removed: keep what works, look again next time
            }
            ClusterCertificates? taken = null;
            lock (gate)
            {
                if (texts is not null && texts != loaded && texts != refused)
                {
                    try
                    {
                        current = ClusterCertificates.Parse(options, texts, DateTimeOffset.UtcNow);
                        (loaded, refused, lastProblem, taken) = (texts, null, null, current);
                    }
                    catch (SiloConfigurationException e)
                    {
                        (refused, problem) = (texts, e.Message);
                    }
                }
                if (problem == lastProblem) problem = null; // said already
                else if (problem is not null) lastProblem = problem;
            }
            // Outside the lock: the handlers log. The replaced set is not disposed: a handshake in flight may hold its certificate.
            if (taken is not null) Changed?.Invoke(taken);
            if (problem is not null) Refused?.Invoke(problem);
            lock (gate) return current;
        }
    }

    public void Dispose() => current.Dispose();
}
