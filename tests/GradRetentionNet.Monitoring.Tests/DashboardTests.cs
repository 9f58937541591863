using System.Text.Json.Nodes;
using GradRetentionNet.Monitoring.Tests.Metrics;
using GradRetentionNet.Monitoring.Tests.Queries;
using GradRetentionNet.Testing;
using YamlDotNet.RepresentationModel;

namespace GradRetentionNet.Monitoring.Tests;

/// <summary>The dashboards and their provisioning against each other and against the metric contract (grafana/README.md).</summary>
public sealed class DashboardTests
{
    /// <summary>The template variables and the label each one filters.</summary>
    static readonly string[] FilterVariables = ["silo", "sweep", "dataset", "optimizer", "job"];

    /// <summary>
    /// Labels a panel deliberately leaves unfiltered by the variable of the same name:
    /// grn_sweep_jobs' silo is where the sweep's coordinator lives, not where its jobs train.
    /// </summary>
    static readonly HashSet<(string Metric, string Label)> Unfiltered = [("grn_sweep_jobs", "silo")];

    static readonly MetricContract Contract = MetricContract.Parse(Repository.Read(Repository.GrafanaReadme));

    static JsonNode Load(string file) => JsonNode.Parse(Repository.Read(file))!;

    [Fact]
    public void The_dashboards_are_fleet_sweep_and_job_with_distinct_uids_and_panel_ids()
    {
        Repository.Dashboards.Should().Equal("grafana/dashboards/fleet.json", "grafana/dashboards/job.json", "grafana/dashboards/sweep.json");
        var dashboards = Repository.Dashboards.Select(Load).ToList();
        dashboards.Select(d => d["uid"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.Equal("grn-fleet", "grn-job", "grn-sweep");
        foreach (var (dashboard, file) in dashboards.Zip(Repository.Dashboards))
        {
            var panels = DashboardQueries.Panels(dashboard).ToList();
            panels.Select(p => p["id"]!.GetValue<int>()).Should().OnlyHaveUniqueItems($"Grafana keys panels by id ({file})");
            panels.Should().AllSatisfy(p =>
            {
                var grid = p["gridPos"]!;
                (grid["x"]!.GetValue<int>() + grid["w"]!.GetValue<int>()).Should().BeLessThanOrEqualTo(24, $"{file}: panel \"{p["title"]}\" fits the 24-column grid");
                p["targets"]!.AsArray().Should().NotBeEmpty($"{file}: panel \"{p["title"]}\" queries something");
            });
        }
    }

    [Fact]
    public void Every_datasource_reference_is_the_provisioned_prometheus()
    {
        var provisioned = (YamlMappingNode)((YamlSequenceNode)Yaml(Repository.DatasourceProvisioning)["datasources"]).Children.Single();
        var uid = ((YamlScalarNode)provisioned["uid"]).Value;
        ((YamlScalarNode)provisioned["type"]).Value.Should().Be("prometheus");
        ((YamlScalarNode)provisioned["url"]).Value.Should().Be("${PROMETHEUS_URL}", "the URL comes from Grafana's environment");

        foreach (var file in Repository.Dashboards)
        {
            var references = Descendants(Load(file)).OfType<JsonObject>().Where(o => o.ContainsKey("datasource")).Select(o => o["datasource"]).ToList();
            references.Should().NotBeEmpty();
            references.Should().AllSatisfy(r =>
            {
                r!["uid"]!.GetValue<string>().Should().Be(uid, $"{file} reads the provisioned datasource");
                r["type"]!.GetValue<string>().Should().Be("prometheus");
            });
        }
    }

    [Fact]
    public void The_dashboard_provider_loads_a_folder_of_files()
    {
        var provider = (YamlMappingNode)((YamlSequenceNode)Yaml(Repository.DashboardProvisioning)["providers"]).Children.Single();
        ((YamlScalarNode)provider["type"]).Value.Should().Be("file");
        var path = ((YamlScalarNode)((YamlMappingNode)provider["options"])["path"]).Value;
        path.Should().StartWith("/", "Grafana reads the dashboards from a folder mounted at a fixed path");
        Repository.Read(Repository.GrafanaReadme).Should().Contain(path!, "the README says where to mount grafana/dashboards");
    }

    [Fact]
    public void Every_selector_names_its_metric()
    {
        var nameless = ObservabilityQueries.All().Where(q => q.Selectors.Any(s => s.Metric is null)).Select(q => q.Where).ToList();
        nameless.Should().BeEmpty("a selector without a metric name (a regex on __name__, a variable as the name) escapes the metric checks");
    }

    [Fact]
    public void Every_metric_the_dashboards_and_alerts_use_is_in_the_contract()
    {
        var unknown = ObservabilityQueries.All()
            .SelectMany(q => q.MetricNames.Select(name => (Name: name, q.Where)))
            .Where(use => Contract.Find(use.Name) is null && !MetricCoverage.MadeByPrometheus.Contains(use.Name))
            .Select(use => $"{use.Name} ({use.Where})")
            .ToList();
        unknown.Should().BeEmpty($"{Repository.GrafanaReadme} lists every metric a silo exports");
    }

    [Fact]
    public void Every_panel_query_filters_by_each_variable_whose_label_its_metric_carries()
    {
        var unfiltered = new List<string>();
        foreach (var file in Repository.Dashboards)
        {
            var dashboard = Load(file);
            var variables = DashboardQueries.Variables(dashboard).Select(v => v["name"]!.GetValue<string>()).Intersect(FilterVariables).ToList();
            foreach (var query in DashboardQueries.Read(dashboard, file).Where(q => q.Kind == QueryKind.Panel))
            {
                foreach (var selector in query.Selectors)
                {
                    var labels = Contract.Find(selector.Metric!)?.Labels ?? [];
                    foreach (var variable in variables.Where(v => labels.Contains(v) && !Unfiltered.Contains((Contract.Find(selector.Metric!)!.Name, v))))
                    {
                        if (!selector.On(variable).Any(m => m.Operator is "=" or "=~" && (m.Value == $"${variable}" || m.Value == $"${{{variable}}}")))
                            unfiltered.Add($"{query.Where}: {selector.Metric} not filtered by ${variable}");
                    }
                }
            }
        }
        unfiltered.Should().BeEmpty();
    }

    [Fact]
    public void Every_variable_filters_some_panel()
    {
        foreach (var file in Repository.Dashboards)
        {
            var dashboard = Load(file);
            var panelText = string.Join('\n', DashboardQueries.Read(dashboard, file).Where(q => q.Kind == QueryKind.Panel).Select(q => q.Text));
            DashboardQueries.Variables(dashboard).Select(v => v["name"]!.GetValue<string>())
                .Should().AllSatisfy(name => panelText.Should().Contain($"${name}", $"{file} uses its variable ${name}"));
        }
    }

    [Fact]
    public void The_dashboards_have_the_variables_the_metrics_are_sliced_by()
    {
        foreach (var file in Repository.Dashboards)
        {
            var expected = file.EndsWith("job.json", StringComparison.Ordinal) ? FilterVariables : FilterVariables[..4];
            DashboardQueries.Variables(Load(file)).Select(v => v["name"]!.GetValue<string>()).Should().Equal(expected, file);
        }
    }

    static YamlMappingNode Yaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repository.Read(file)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child)) yield return descendant;
        }
    }
}
