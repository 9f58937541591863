namespace GradRetentionNet.Deployment.Tests;

/// <summary>
/// The chart under the values users set, each rendered once for every test that checks all of them
/// (schemas, Pod Security): together they render every template and both sides of each of its choices.
/// </summary>
public static class ChartMatrix
{
    /// <summary>Name to values (as --set, after <see cref="HelmChart.RequiredValues"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Values = new Dictionary<string, string[]>
    {
        ["defaults"] = [],
        ["gpu-daemonset"] = ["silo.gpus=8", "silo.kind=DaemonSet"],
        ["gpu-canary"] = ["silo.gpus=2", "silo.updateStrategy.type=RollingUpdate", "silo.updateStrategy.partition=1", "silo.runtimeClassName=nvidia-cdi",
            "networkPolicy.postgres.to[0].ipBlock.cidr=10.20.0.5/32", "networkPolicy.api.from[0].namespaceSelector.matchLabels.team=ml"],
        ["cert-manager"] = ["tls.existingSecret=", "tls.certManager.enabled=true", "tls.certManager.issuerRef.name=grn-ca", "tls.certManager.issuerRef.kind=ClusterIssuer"],
        ["monitoring"] = ["metrics.podMonitor.enabled=true", "metrics.prometheusRule.enabled=true", "metrics.podMonitor.labels.release=kube-prometheus-stack",
            "metrics.prometheusRule.labels.release=kube-prometheus-stack", "grafana.dashboards.enabled=true", "grafana.datasource.enabled=true"],
        ["open"] = ["networkPolicy.enabled=false", "tls.enabled=false", "tls.existingSecret=", "serviceAccount.create=false", "migration.enabled=false", "postgres.migrateOnStart=true"],
        ["data-own-secrets"] = ["data.prepare={mnist,cifar10}", "api.token=", "api.existingSecret=team-api", "postgres.connectionString=", "postgres.existingSecret=team-db",
            "storage.storageClassName=-", "data.storageClassName=fast-rwx"],
        ["cpu-rolling"] = ["silo.updateStrategy.type=RollingUpdate", "silo.onePerNode=true", "silo.replicas=1", "silo.slots=2"],
    };

    static readonly Lazy<IReadOnlyDictionary<string, string>> Yaml = new(() =>
        Values.AsParallel().ToDictionary(entry => entry.Key, entry => HelmChart.RenderYaml(entry.Value)));

    static readonly Lazy<IReadOnlyDictionary<string, Manifests>> Parsed = new(() =>
        Yaml.Value.ToDictionary(entry => entry.Key, entry => new Manifests(HelmChart.ParseDocuments(entry.Value))));

    /// <summary>Name to the YAML stream `helm template` wrote.</summary>
    public static IReadOnlyDictionary<string, string> Rendered => Yaml.Value;

    /// <summary>Name to the rendered objects.</summary>
    public static IReadOnlyDictionary<string, Manifests> Manifests => Parsed.Value;
}
