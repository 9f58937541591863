namespace GradRetentionNet.Silo;

/// <summary>
/// Says which certificate the silo's Orleans ports present and until when: as it starts, and again
/// whenever the files change (a renewed Secret); warns when the certificate in use expires in less
/// than <see cref="RenewalWarning"/>, and when changed files fail the checks (the previous set stays in use).
/// </summary>
internal sealed class ClusterTlsReport(ClusterCertificateFiles files, ILogger<ClusterTlsReport> logger) : IHostedService
{
    static readonly TimeSpan RenewalWarning = TimeSpan.FromDays(14);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Report(files.Current, "Mutual TLS on the silo and gateway ports");
        files.Changed += certificates => Report(certificates, "The TLS files changed; new connections use them");
        files.Refused += reason => logger.LogWarning("The TLS files cannot be used, so connections keep the previous certificate: {Reason}", reason);
        return Task.CompletedTask;
    }

    void Report(ClusterCertificates certificates, string what)
    {
        var certificate = certificates.Certificate;
        var until = certificate.NotAfter.ToUniversalTime();
        logger.LogInformation("{What}: certificate {Subject} (thumbprint {Thumbprint}) valid until {NotAfter:u}; peers must chain to {Authorities}",
            what, certificate.Subject, certificate.Thumbprint, until, string.Join(", ", certificates.Authorities.Select(a => a.Subject)));
        if (until - DateTime.UtcNow < RenewalWarning)
            logger.LogWarning("The TLS certificate {Subject} expires on {NotAfter:u}: renew it (cert-manager renews the Secret), or new connections will fail from then on", certificate.Subject, until);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
