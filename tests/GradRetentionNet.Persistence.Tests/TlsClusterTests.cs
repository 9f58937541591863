using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using GradRetentionNet.Grains;
using GradRetentionNet.Silo;
using GradRetentionNet.Testing;
using Microsoft.Extensions.Hosting;
using Orleans.Connections.Security;

namespace GradRetentionNet.Persistence.Tests;

/// <summary>
/// Real grn-silo processes with Silo:Tls on, on PostgreSQL, and real TLS handshakes with certificates
/// from grn-silo certs: who may connect to the gateway and who may join the cluster.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TlsClusterTests(PostgresFixture postgres) : IDisposable
{
    /// <summary>How long a client may take to be refused on a loaded machine (Orleans' handshake timeout is 10 s).</summary>
    static readonly TimeSpan RefusalWithin = TimeSpan.FromSeconds(60);

    const string ServerRefusal = "Orleans.Connections.Security.TlsServerConnectionMiddleware: Authentication failed";
    const string RejectedCertificate = "The remote certificate was rejected by the provided RemoteCertificateValidationCallback";

    readonly TemporaryFolder outputRoot = new("grn-tls-runs-");
    readonly TlsFiles cluster = TlsFiles.Write();
    readonly TlsFiles stranger = TlsFiles.Write(); // another CA, written the same way
    readonly List<GrnSiloProcess> silos = [];

    async Task<GrnSiloProcess> StartSilo(string database, string clusterId, TlsFiles files, IReadOnlyDictionary<string, string>? more = null, bool ready = true)
    {
        var httpPort = FreePorts.Next();
        var settings = SiloSettings.OnPostgres(database, clusterId, outputRoot.Path, httpPort, FreePorts.Next());
        settings["GRN_Silo__Name"] = $"tls-silo-{silos.Count}";
        foreach (var (key, value) in files.SiloSettings.Concat(more ?? new Dictionary<string, string>())) settings[key] = value;
        var silo = GrnSiloProcess.Start(settings, httpPort);
        silos.Add(silo);
        if (ready) await silo.Ready();
        return silo;
    }

    /// <summary>
    /// Starts a client that must be refused and returns its log once it says a connection attempt
    /// failed. Orleans' client keeps trying its gateways until one answers, so a refused client never
    /// finishes starting: the test gives up its start then, or after <see cref="RefusalWithin"/> at most.
    /// </summary>
    static async Task<IReadOnlyList<string>> Refused(string database, string clusterId, string client, Action<IClientBuilder>? configure = null)
    {
        var logs = new CapturedLogs();
        using var giveUp = new CancellationTokenSource();
        var starting = TestSilo.StartClientAsync(database, clusterId, configure, logs, giveUp.Token);
        var deadline = DateTime.UtcNow + RefusalWithin;
        while (!starting.IsCompleted && !logs.Entries.Any(FailedAttempt) && DateTime.UtcNow < deadline) await Task.Delay(100);
        await giveUp.CancelAsync();
        try
        {
            await TestSilo.StopAsync(await starting);
            throw new Xunit.Sdk.XunitException($"{client} connected to a TLS gateway");
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            logs.Entries.Should().Contain(e => FailedAttempt(e), $"{client}: its connection attempts fail, and within {RefusalWithin.TotalSeconds} s");
            return logs.Entries;
        }
    }

    static bool FailedAttempt(string entry) => entry.Contains("Orleans.Runtime.Messaging.ConnectionManager: Connection attempt to endpoint", StringComparison.Ordinal) && entry.Contains(" failed", StringComparison.Ordinal);

    /// <summary>
    /// Waits until the silo's output after <paramref name="mark"/> (its length before the client
    /// tried) says it refused a handshake, and why when <paramref name="reason"/> is given: the refusal was the gateway's.
    /// </summary>
    static Task GatewayRefused(GrnSiloProcess silo, int mark, string client, string? reason = null) =>
        TestSilo.Eventually(() => Task.FromResult(silo.Output[mark..] is var since && since.Contains(ServerRefusal) && (reason is null || since.Contains(reason))),
            RefusalWithin, $"the silo logs that it refused the handshake of {client}{(reason is null ? "" : $": {reason}")}");

    /// <summary>The cluster's own settings, then <paramref name="certificate"/> (or none) presented in place of the node certificate.</summary>
    static Action<IClientBuilder> Presenting(ClusterCertificates trusted, ClusterCertificates? certificate) => client => client.UseTls(options =>
    {
        ClusterTlsExtensions.Configure(options, () => trusted);
        options.LocalClientCertificateSelector = null;
        options.LocalCertificate = certificate?.Certificate;
        if (certificate is null) options.ClientCertificateMode = RemoteCertificateMode.AllowCertificate; // else Orleans refuses to build the client
    });

    [Fact]
    public async Task A_tls_gateway_serves_a_client_with_a_certificate_of_its_ca_and_refuses_clients_without_one()
    {
        var database = await postgres.EmptyDatabaseAsync("tls_gateway");
        var silo = await StartSilo(database, "tls-gateway", cluster);
        using var trusted = cluster.Load();
        using var foreign = stranger.Load();

        var client = await TestSilo.StartClientAsync(database, "tls-gateway", c => c.UseClusterTls(trusted));
        try
        {
            var hosts = await client.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            hosts.Should().ContainSingle("the client reached the silo through its TLS gateway and called a grain");
        }
        finally
        {
            await TestSilo.StopAsync(client);
        }

        var mark = silo.Output.Length;
        await Refused(database, "tls-gateway", "a client without TLS");
        await GatewayRefused(silo, mark, "a client without TLS");

        mark = silo.Output.Length;
        await Refused(database, "tls-gateway", "a TLS client without a certificate", Presenting(trusted, certificate: null));
        await GatewayRefused(silo, mark, "a TLS client without a certificate", RejectedCertificate);

        mark = silo.Output.Length;
        await Refused(database, "tls-gateway", "a TLS client with a certificate of another CA", Presenting(trusted, foreign));
        await GatewayRefused(silo, mark, "a TLS client with a certificate of another CA", RejectedCertificate);

        // This one trusts another CA too, so it refuses the gateway's certificate first.
        (await Refused(database, "tls-gateway", "a client of another CA altogether", c => c.UseClusterTls(foreign)))
            .Should().Contain(e => e.Contains("TlsClientConnectionMiddleware: Authentication failed") && e.Contains(RejectedCertificate));

        // The refusals harmed nothing: a client with the certificate still gets in.
        var again = await TestSilo.StartClientAsync(database, "tls-gateway", c => c.UseClusterTls(trusted));
        await TestSilo.StopAsync(again);
        silos.Should().OnlyContain(s => !s.Process.HasExited);
    }

    [Fact]
    public async Task Two_tls_silos_form_one_cluster_and_a_silo_of_another_ca_cannot_join_it()
    {
        var database = await postgres.EmptyDatabaseAsync("tls_cluster");
        await StartSilo(database, "tls-cluster", cluster);
        await StartSilo(database, "tls-cluster", cluster);
        using var trusted = cluster.Load();
        var client = await TestSilo.StartClientAsync(database, "tls-cluster", c => c.UseClusterTls(trusted));
        try
        {
            var management = client.Grains().GetGrain<IManagementGrain>(0);
            await TestSilo.Eventually(async () => (await management.GetHosts(onlyActive: true)).Count == 2, TimeSpan.FromSeconds(60), "both TLS silos active in one cluster");

            // It gives up joining after a few seconds rather than Orleans' default five minutes.
            var intruder = await StartSilo(database, "tls-cluster", stranger, new Dictionary<string, string> { ["GRN_Orleans__Membership__MaxJoinAttemptTime"] = "00:00:10" }, ready: false);

            intruder.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue("a silo whose certificate the cluster refuses cannot join, and stops");
            intruder.Process.ExitCode.Should().NotBe(0, intruder.Output);
            (await management.GetHosts(onlyActive: true)).Should().HaveCount(2, "the intruder never became active");
            (await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = 'tls-cluster' AND Status = 3")).Should().Be(2);
        }
        finally
        {
            await TestSilo.StopAsync(client);
        }
    }

    [Fact]
    public async Task A_running_silo_presents_a_renewed_certificate_to_new_connections_and_keeps_the_last_good_one()
    {
        // As cert-manager renews a Secret: the same CA, a new node certificate, the mounted files replaced in place.
        using var folder = new TemporaryFolder("grn-tls-renewed-");
        var now = DateTimeOffset.UtcNow;
        using var authority = CertificateIssuer.CreateAuthority(now.AddDays(-1), now.AddDays(90));
        using var first = CertificateIssuer.IssueNode(authority, ["silo-0"], now.AddDays(-1), now.AddDays(30));
        using var renewed = CertificateIssuer.IssueNode(authority, ["silo-0"], now.AddMinutes(-5), now.AddDays(60));
        File.WriteAllText(folder.File("ca.crt"), authority.ExportCertificatePem());
        void Install(X509Certificate2 node, string? key = null)
        {
            foreach (var (name, text) in new[] { ("tls.key", key ?? node.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()), ("tls.crt", node.ExportCertificatePem()) })
            {
                File.WriteAllText(folder.File(name + ".new"), text);
                File.Move(folder.File(name + ".new"), folder.File(name), overwrite: true);
            }
        }
        Install(first);
        var files = new SiloTlsOptions { Enabled = true, CertificatePath = folder.File("tls.crt"), KeyPath = folder.File("tls.key"), CaPath = folder.File("ca.crt") };
        var database = await postgres.EmptyDatabaseAsync("tls_renewed");
        var httpPort = FreePorts.Next();
        var settings = SiloSettings.OnPostgres(database, "tls-renewed", outputRoot.Path, httpPort, FreePorts.Next());
        settings["GRN_Silo__Tls__Enabled"] = "true";
        settings["GRN_Silo__Tls__CertificatePath"] = files.CertificatePath!;
        settings["GRN_Silo__Tls__KeyPath"] = files.KeyPath!;
        settings["GRN_Silo__Tls__CaPath"] = files.CaPath!;
        var silo = GrnSiloProcess.Start(settings, httpPort);
        silos.Add(silo);
        await silo.Ready();
        using var client = ClusterCertificates.Load(files);

        // Which certificate the gateway presents to a new client: the client's check sees it.
        async Task<string> GatewayCertificate()
        {
            var seen = new ConcurrentQueue<string>();
            var host = await TestSilo.StartClientAsync(database, "tls-renewed", c => c.UseTls(options =>
            {
                ClusterTlsExtensions.Configure(options, () => client);
                var check = options.RemoteCertificateValidation!;
                options.RemoteCertificateValidation = (certificate, chain, errors) =>
                {
                    seen.Enqueue(certificate.Thumbprint);
                    return check(certificate, chain, errors);
                };
            }));
            await host.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            await TestSilo.StopAsync(host);
            return seen.Distinct().Should().ContainSingle().Subject;
        }

        (await GatewayCertificate()).Should().Be(first.Thumbprint);

        Install(renewed);
        (await GatewayCertificate()).Should().Be(renewed.Thumbprint, "the silo took the renewed files without a restart");
        silo.Output.Should().Contain("The TLS files changed; new connections use them: certificate CN=silo-0 (thumbprint " + renewed.Thumbprint);

        // A broken update (another certificate's key) is refused, and the last good certificate stays in use.
        using var stranger = CertificateIssuer.IssueNode(authority, ["other"], now.AddDays(-1), now.AddDays(30));
        Install(first, key: stranger.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        (await GatewayCertificate()).Should().Be(renewed.Thumbprint);
        silo.Output.Should().Contain("The TLS files cannot be used, so connections keep the previous certificate: Silo:Tls:KeyPath");
        silo.Process.HasExited.Should().BeFalse();
    }

    public void Dispose()
    {
        foreach (var silo in silos) silo.Dispose();
        cluster.Dispose();
        stranger.Dispose();
        outputRoot.Dispose();
    }
}
