using System.Text.Json.Nodes;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>Every query of the repository's dashboards (grafana/dashboards) and of the rule files prometheus.yml loads.</summary>
public static class ObservabilityQueries
{
    public static IReadOnlyList<PromQuery> All() => [.. Dashboards(), .. Rules()];

    public static IReadOnlyList<PromQuery> Dashboards() =>
        Repository.Dashboards.SelectMany(file => DashboardQueries.Read(JsonNode.Parse(Repository.Read(file))!, file)).ToList();

    public static IReadOnlyList<PromQuery> Rules()
    {
        var folder = Path.GetDirectoryName(Repository.PrometheusConfig)!;
        return RuleQueries.RuleFiles(Repository.Read(Repository.PrometheusConfig), Repository.PrometheusConfig)
            .Select(rules => Path.Combine(folder, rules).Replace('\\', '/'))
            .SelectMany(file => RuleQueries.Read(Repository.Read(file), file))
            .ToList();
    }
}
