namespace GradRetentionNet.Silo;

/// <summary>
/// Says once, as the silo starts, which certificate its Orleans ports present and until when, and
/// warns when that is less than <see cref="RenewalWarning"/> away: the files are read at start, so
/// a renewed Secret takes effect when the silo restarts.
/// </summary>
internal sealed class ClusterTlsReport(ClusterCertificates certificates, ILogger<ClusterTlsReport> logger) : IHostedService
{
    static readonly TimeSpan RenewalWarning = TimeSpan.FromDays(14);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var certificate = certificates.Certificate;
        var until = certificate.NotAfter.ToUniversalTime();
        logger.LogInformation("Mutual TLS on the silo and gateway ports: certificate {Subject} (thumbprint {Thumbprint}) valid until {NotAfter:u}; peers must chain to {Authorities}",
            certificate.Subject, certificate.Thumbprint, until, string.Join(", ", certificates.Authorities.Select(a => a.Subject)));
        if (until - DateTime.UtcNow < RenewalWarning)
            logger.LogWarning("The TLS certificate {Subject} expires on {NotAfter:u}: renew it and restart this silo before then, or its connections will fail", certificate.Subject, until);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
