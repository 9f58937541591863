using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using GradRetentionNet.Silo;
using GradRetentionNet.Testing;
using Npgsql;
using YamlDotNet.Serialization;

namespace GradRetentionNet.Images.Tests;

/// <summary>
/// deploy/compose/compose.yaml read statically (no container engine runs here): the services the
/// issue names, wired to each other, with settings grn-silo reads; its Prometheus configuration
/// checked by promtool in the layout the container sees.
/// </summary>
public sealed class ComposeFileTests
{
    static readonly string[] Silos = ["grn-silo-0", "grn-silo-1"];


    const string TlsFolder = "/etc/grn/tls";

    readonly ComposeFile compose = ComposeFile.Read();

    [Fact]
    public void The_cluster_is_postgres_the_one_shot_migration_and_certificates_two_silos_prometheus_and_grafana()
    {
        compose.Services.Select(s => s.Key).Should().BeEquivalentTo(["postgres", "migrate", "certs", .. Silos, "prometheus", "grafana"]);
        compose.Strings("migrate", "command").Should().Equal("migrate");
        ((string?)compose.Service("postgres")["image"]).Should().Be("postgres:15", "the schema is tested against PostgreSQL 15");
        foreach (var service in new[] { "migrate", "certs" })
            ((string?)compose.Service(service)["restart"]).Should().Be("no", $"{service} runs once");
    }

    [Fact]
    public void Without_an_api_token_compose_refuses_to_start_instead_of_running_an_open_api()
    {
        var read = () => ComposeFile.Read(new Dictionary<string, string>());

        read.Should().Throw<InvalidOperationException>().WithMessage("*GRN_TOKEN is required*");
    }

    [Fact]
    public void Every_volume_and_network_a_service_names_is_declared_and_every_declared_one_is_used()
    {
        var declaredVolumes = compose.Root["volumes"]!.AsObject().Select(v => v.Key).ToList();
        var usedVolumes = compose.Services.SelectMany(s => compose.Mounts(s.Key)).Where(m => !m.IsBind).Select(m => m.Source).Distinct().ToList();
        var declaredNetworks = compose.Root["networks"]!.AsObject().Select(n => n.Key).ToList();
        var usedNetworks = compose.Services.SelectMany(s => s.Value!["networks"] switch
        {
            JsonArray list => list.Select(n => (string)n!),
            JsonObject map => map.Select(n => n.Key),
            _ => [],
        }).Distinct().ToList();

        usedVolumes.Should().BeEquivalentTo(declaredVolumes);
        usedNetworks.Should().BeEquivalentTo(declaredNetworks);
        foreach (var (name, service) in compose.Services)
        {
            foreach (var dependency in (service!["depends_on"] as JsonObject)?.Select(d => d.Key) ?? (service["depends_on"] as JsonArray)?.Select(d => (string)d!) ?? [])
                compose.Services.Should().ContainKey(dependency, $"{name} depends on it");
        }
    }

    [Fact]
    public void Every_bind_mount_and_build_file_exists_in_the_repository()
    {
        var binds = compose.Services.SelectMany(s => compose.Mounts(s.Key)).Where(m => m.IsBind).ToList();

        binds.Should().NotBeEmpty();
        binds.Should().OnlyContain(m => m.ReadOnly, "configuration goes in read-only");
        foreach (var bind in binds)
            (File.Exists(Repository.Path(bind.RepositoryPath)) || Directory.Exists(Repository.Path(bind.RepositoryPath))).Should().BeTrue($"{bind.Source} is mounted at {bind.Target}");
        foreach (var service in compose.Services.Where(s => s.Value!["build"] is not null))
        {
            var build = service.Value!["build"]!;
            var context = Path.GetFullPath(Path.Combine(Repository.Path(ComposeFile.Folder), (string)build["context"]!));
            context.Should().Be(Repository.Root.TrimEnd('/'), "the Dockerfiles build from the repository root");
            File.Exists(Path.Combine(context, (string)build["dockerfile"]!)).Should().BeTrue($"{service.Key} builds from it");
        }
    }

    [Fact]
    public void Every_silo_setting_compose_gives_is_one_grn_silo_reads()
    {
        foreach (var silo in Silos)
        {
            var settings = compose.Environment(silo).Keys.ToList();

            settings.Should().OnlyContain(s => s.StartsWith("GRN_Silo__", StringComparison.Ordinal), "the image sets the rest");
            foreach (var setting in settings)
                SiloReads(setting["GRN_Silo__".Length..].Split("__")).Should().BeTrue($"{silo} sets {setting}: a misspelt setting would be ignored silently");
            settings.Should().Contain(["GRN_Silo__Clustering", "GRN_Silo__ConnectionString", "GRN_Silo__AdvertisedAddress", "GRN_Silo__ApiToken", "GRN_Silo__Name"]);
        }
        compose.Environment("migrate").Keys.Should().Equal("GRN_Silo__ConnectionString");
    }

    /// <summary>
    /// Whether a setting path (Tls, Enabled) names a property of SiloOptions, nested sections by
    /// their property's type.
    /// </summary>
    static bool SiloReads(string[] path)
    {
        var type = typeof(SiloOptions);
        for (var i = 0; i < path.Length; i++)
        {
            var property = type.GetProperty(path[i], BindingFlags.Public | BindingFlags.Instance);
            if (property is null) return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    [Fact]
    public void The_silos_cluster_through_postgres_at_fixed_addresses_of_their_network_under_their_own_names()
    {
        var postgres = compose.Environment("postgres");
        var subnet = (string)compose.Root["networks"]!["grn"]!["ipam"]!["config"]![0]!["subnet"]!;
        var network = IPNetwork.Parse(subnet);
        var migration = new NpgsqlConnectionStringBuilder(compose.Environment("migrate")["GRN_Silo__ConnectionString"]);

        foreach (var silo in Silos)
        {
            var environment = compose.Environment(silo);
            environment["GRN_Silo__Clustering"].Should().Be("postgres");
            environment["GRN_Silo__Name"].Should().Be(silo, "the silo label of its metrics is what Prometheus' target label says");
            ((string?)compose.Service(silo)["hostname"]).Should().Be(silo);
            var address = (string)compose.Service(silo)["networks"]!["grn"]!["ipv4_address"]!;
            environment["GRN_Silo__AdvertisedAddress"].Should().Be(address, "other silos reach it where it advertises");
            network.Contains(IPAddress.Parse(address)).Should().BeTrue($"{address} lies in {subnet}");

            var connection = new NpgsqlConnectionStringBuilder(environment["GRN_Silo__ConnectionString"]);
            connection.Host.Should().Be("postgres");
            connection.Database.Should().Be(postgres["POSTGRES_DB"]);
            connection.Username.Should().Be(postgres["POSTGRES_USER"]);
            connection.Password.Should().Be(postgres["POSTGRES_PASSWORD"]);
            connection.ConnectionString.Should().Be(migration.ConnectionString, "the migration prepares the silos' database");
        }
        Silos.Select(s => compose.Environment(s)["GRN_Silo__AdvertisedAddress"]).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Silos_start_after_the_migration_and_the_certificates_and_the_migration_after_postgres_is_healthy()
    {
        foreach (var silo in Silos)
        {
            var dependencies = compose.Service(silo)["depends_on"]!.AsObject();
            ((string?)dependencies["migrate"]!["condition"]).Should().Be("service_completed_successfully");
            ((string?)dependencies["certs"]!["condition"]).Should().Be("service_completed_successfully");
        }
        ((string?)compose.Service("migrate")["depends_on"]!["postgres"]!["condition"]).Should().Be("service_healthy");
        compose.Service("postgres")["healthcheck"]!["test"]!.AsArray().Select(t => (string?)t).Should().Contain("pg_isready");
    }

    [Fact]
    public void Silos_use_tls_with_the_certificates_the_certs_service_writes_into_a_volume_they_mount_read_only()
    {
        var certsOut = compose.Mounts("certs").Single();
        var script = string.Join('\n', compose.Strings("certs", "command"));

        script.Should().Contain($"grn-silo.dll certs --out {certsOut.Target}").And.Contain($"chown -R 1654:1654 {certsOut.Target}");
        compose.Strings("certs", "cap_add").Should().Equal("CHOWN");
        foreach (var silo in Silos)
        {
            var environment = compose.Environment(silo);
            environment["GRN_Silo__Tls__Enabled"].Should().Be("true");
            environment["GRN_Silo__Tls__CertificatePath"].Should().Be($"{TlsFolder}/tls.crt");
            environment["GRN_Silo__Tls__KeyPath"].Should().Be($"{TlsFolder}/tls.key");
            environment["GRN_Silo__Tls__CaPath"].Should().Be($"{TlsFolder}/ca.crt");
            compose.Mounts(silo).Should().ContainEquivalentOf(new Mount(certsOut.Source, TlsFolder, ReadOnly: true));
        }
    }

    [Fact]
    public void Grn_services_run_as_app_on_a_read_only_root_with_tmp_in_memory_and_share_the_runs_and_data_volumes()
    {
        foreach (var service in (string[])["migrate", "certs", .. Silos])
        {
            ((string?)compose.Service(service)["read_only"]).Should().Be("true", service);
            compose.Strings(service, "tmpfs").Should().Equal("/tmp");
            compose.Strings(service, "cap_drop").Should().Equal("ALL");
            ((string?)compose.Service(service)["build"]!["dockerfile"]).Should().Be("deploy/docker/silo.Dockerfile");
            if (service != "certs") ((string?)compose.Service(service)["user"]).Should().Be("1654:1654", service);
        }
        foreach (var silo in Silos)
        {
            var environment = compose.Environment(silo);
            var mounts = compose.Mounts(silo);
            mounts.Should().ContainEquivalentOf(new Mount("runs", environment["GRN_Silo__OutputRoot"], false), "every silo resumes jobs from the shared runs volume");
            mounts.Should().ContainEquivalentOf(new Mount("data", environment["GRN_Silo__DataRoot"], false));
            TimeSpan.FromSeconds(int.Parse(((string)compose.Service(silo)["stop_grace_period"]!).TrimEnd('s')))
                .Should().BeGreaterThan(SiloHostExtensions.ShutdownTimeout, "a stopping silo hands its jobs back before it is killed");
        }
    }

    [Fact]
    public void Prometheus_scrapes_both_silos_under_their_names_and_loads_the_repositorys_alert_rules()
    {
        using var layout = ContainerLayout("prometheus");
        var configFile = Path.Combine(layout.Path, "etc/prometheus/prometheus.yml");

        var check = ToolRun.Start(Tools.Promtool, ["check", "config", configFile], layout.Path, TimeSpan.FromMinutes(1));
        check.ExitCode.Should().Be(0, check.ToString());
        check.Output.Should().Contain("SUCCESS").And.Contain("alerts.yml");

        var config = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(configFile));
        var job = ((List<object>)config["scrape_configs"]).Cast<Dictionary<object, object>>().Single();
        job["job_name"].Should().Be("grn-silo", "the alerts and dashboards select job=\"grn-silo\"");
        job["honor_labels"].Should().Be("true");
        var targets = ((List<object>)job["static_configs"]).Cast<Dictionary<object, object>>()
            .ToDictionary(t => (string)((List<object>)t["targets"]).Single(), t => (string)((Dictionary<object, object>)t["labels"])["silo"]);
        targets.Should().Equal(Silos.ToDictionary(s => $"{s}:8080", s => compose.Environment(s)["GRN_Silo__Name"]));
        File.ReadAllText(Path.Combine(layout.Path, "etc/prometheus/alerts.yml")).Should().Be(Repository.Read("deploy/prometheus/alerts.yml"));
    }

    [Fact]
    public void Grafana_gets_the_provisioning_the_dashboards_where_the_provider_reads_them_and_the_prometheus_url()
    {
        var mounts = compose.Mounts("grafana").Where(m => m.IsBind).ToDictionary(m => m.RepositoryPath, m => m.Target);
        var provider = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(Repository.Read(Repository.DashboardProvisioning));
        var providerPath = (string)((Dictionary<object, object>)((List<object>)provider["providers"]).Cast<Dictionary<object, object>>().Single()["options"])["path"];

        mounts["grafana/provisioning"].Should().Be("/etc/grafana/provisioning");
        mounts["grafana/dashboards"].Should().Be(providerPath);
        compose.Environment("grafana")["PROMETHEUS_URL"].Should().Be("http://prometheus:9090", "the datasource's url is ${PROMETHEUS_URL}");
        compose.Strings("prometheus", "ports").Should().Contain(p => p.EndsWith(":9090"));
    }

    [Fact]
    public void The_dashboards_ask_the_datasource_uid_that_grafana_is_provisioned_with()
    {
        var datasources = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(Repository.Read(Repository.DatasourceProvisioning));
        var uid = (string)((List<object>)datasources["datasources"]).Cast<Dictionary<object, object>>().Single()["uid"];

        var asked = Repository.Dashboards.SelectMany(d => JsonNode.Parse(Repository.Read(d))!.Descendants())
            .Where(n => n is JsonObject o && (string?)o["type"] == "prometheus" && o["uid"] is not null)
            .Select(n => (string)n!["uid"]!).Distinct().ToList();
        asked.Should().Equal(uid);
    }

    /// <summary>
    /// The service's bind mounts copied to where the container sees them, under a temporary root:
    /// relative paths in its configuration then resolve as they do in the container.
    /// </summary>
    TemporaryFolder ContainerLayout(string service)
    {
        var root = new TemporaryFolder("grn-compose-");
        foreach (var mount in compose.Mounts(service).Where(m => m.IsBind))
        {
            var target = Path.Combine(root.Path, mount.Target.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repository.Path(mount.RepositoryPath), target);
        }
        return root;
    }
}

static class JsonNodeExtensions
{
    public static IEnumerable<JsonNode> Descendants(this JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var descendant in child.Descendants()) yield return descendant;
    }
}
