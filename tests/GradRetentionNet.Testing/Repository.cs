namespace GradRetentionNet.Testing;

/// <summary>The repository's files the tests read: found by walking up from the test output to GradRetentionNet.sln.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    /// <summary>The dashboard files, relative to the root, in name order.</summary>
    public static IReadOnlyList<string> Dashboards { get; } =
        Directory.GetFiles(Path("grafana/dashboards"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/')).ToList();

    public const string PrometheusConfig = "deploy/prometheus/prometheus.yml";
    public const string AlertRuleTests = "deploy/prometheus/alerts.test.yml";
    public const string GrafanaReadme = "grafana/README.md";
    public const string DatasourceProvisioning = "grafana/provisioning/datasources/prometheus.yaml";
    public const string DashboardProvisioning = "grafana/provisioning/dashboards/grn.yaml";

    static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "GradRetentionNet.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"no GradRetentionNet.sln above {AppContext.BaseDirectory}: the tests read the repository's grafana/ and deploy/ folders");
    }
}
