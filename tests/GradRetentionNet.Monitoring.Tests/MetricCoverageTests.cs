using System.Text;
using System.Text.Json.Nodes;
using GradRetentionNet.Monitoring.Tests.Metrics;
using GradRetentionNet.Monitoring.Tests.Queries;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Monitoring.Tests;

/// <summary>The checker the live test relies on, without a silo: the contract, the scrape reader and the coverage report.</summary>
public sealed class MetricCoverageTests
{
    static readonly MetricContract Contract = MetricContract.Parse(Repository.Read(Repository.GrafanaReadme));

    /// <summary>A scrape of a silo that exports the whole contract, in the text format (histograms as their three series).</summary>
    static string ScrapeOfTheContract()
    {
        var text = new StringBuilder();
        foreach (var metric in Contract.Metrics)
        {
            text.AppendLine($"# HELP {metric.Name} from the contract\n# TYPE {metric.Name} {metric.Type}");
            var labels = string.Join(',', metric.Labels.Select(l => $"{l}=\"x, y\""));
            if (metric.Type == "histogram")
            {
                text.AppendLine($"{metric.Name}_bucket{{{labels},le=\"+Inf\"}} 1");
                text.AppendLine($"{metric.Name}_sum{{{labels}}} 0.5");
                text.AppendLine($"{metric.Name}_count{{{labels}}} 1");
            }
            else
            {
                text.AppendLine($"{metric.Name}{{{labels}}} 1 1700000000000");
            }
        }
        return text.ToString();
    }

    [Fact]
    public void The_contract_table_lists_every_metric_with_its_type_and_labels()
    {
        Contract.Metrics.Should().HaveCount(25);
        Contract.Find("grn_slots_total").Should().BeEquivalentTo(new ContractMetric("grn_slots_total", "gauge", ["silo"]));
        Contract.Find("grn_jobs_completed_total")!.Labels.Should().Equal("silo", "sweep", "dataset", "optimizer");
        // "same" repeats the row above.
        Contract.Find("grn_job_epsilon")!.Labels.Should().Equal("silo", "sweep", "job", "dataset", "optimizer", "seed");
        Contract.Find("grn_epoch_duration_seconds_bucket")!.Name.Should().Be("grn_epoch_duration_seconds");
        Contract.Find("grn_slots_total_count").Should().BeNull("only a histogram has _count series");
    }

    [Fact]
    public void Reads_sample_names_from_the_text_format()
    {
        const string scrape = """
            # HELP grn_epoch_duration_seconds wall time of an epoch
            # TYPE grn_epoch_duration_seconds histogram
            grn_epoch_duration_seconds_bucket{silo="a b",le="0.5"} 3
            grn_epoch_duration_seconds_sum{silo="a"} 1.25 1700000000000
            grn_epoch_duration_seconds_count 3
            # TYPE grn_idle gauge
            target_info{service_name="grn-silo"} 1
            # EOF
            """;

        Exposition.SampleNames(scrape).Should().BeEquivalentTo(
            "grn_epoch_duration_seconds_bucket", "grn_epoch_duration_seconds_sum", "grn_epoch_duration_seconds_count", "target_info");
    }

    [Fact]
    public void A_silo_that_exports_the_whole_contract_covers_every_dashboard_and_alert()
    {
        var missing = MetricCoverage.Missing(ObservabilityQueries.All(), Exposition.SampleNames(ScrapeOfTheContract()));
        missing.Should().BeEmpty(MetricCoverage.Report(missing));
    }

    [Fact]
    public void A_metric_renamed_in_a_copy_of_a_dashboard_is_reported_missing_with_where_it_is_used()
    {
        const string file = "grafana/dashboards/fleet.json";
        var renamed = Repository.Read(file).Replace("grn_slots_busy", "grn_slots_in_use");
        var queries = DashboardQueries.Read(JsonNode.Parse(renamed)!, file);

        var missing = MetricCoverage.Missing(queries, Exposition.SampleNames(ScrapeOfTheContract()));

        missing.Select(m => m.Name).Should().Equal("grn_slots_in_use");
        missing[0].UsedBy.Should().Contain($"{file}, panel \"Slots busy\" target A");
        MetricCoverage.Report(missing).Should().Contain("grn_slots_in_use").And.Contain("panel \"Slot use per silo\"");
    }

    [Fact]
    public void A_metric_the_silo_does_not_export_is_reported_missing()
    {
        var scrape = string.Join('\n', ScrapeOfTheContract().Split('\n').Where(line => !line.Contains("grn_jobs_diverged_total")));

        var missing = MetricCoverage.Missing(ObservabilityQueries.All(), Exposition.SampleNames(scrape));

        missing.Select(m => m.Name).Should().Equal("grn_jobs_diverged_total");
        missing[0].UsedBy.Should().Contain(u => u.StartsWith("deploy/prometheus/alerts.yml, alert GrnJobFailureRate"))
            .And.Contain(u => u.StartsWith("grafana/dashboards/fleet.json"));
    }

    [Fact]
    public void A_histogram_queried_by_its_base_name_is_missing_because_prometheus_has_only_its_series()
    {
        var query = new PromQuery(QueryKind.Panel, "test.json", "panel \"p\"", "rate(grn_epoch_duration_seconds[5m])",
            PromQl.Selectors("rate(grn_epoch_duration_seconds[5m])"));

        MetricCoverage.Missing([query], Exposition.SampleNames(ScrapeOfTheContract())).Select(m => m.Name)
            .Should().Equal("grn_epoch_duration_seconds");
    }

    [Fact]
    public void Up_comes_from_prometheus_and_an_excused_name_is_not_reported()
    {
        var query = new PromQuery(QueryKind.Rule, "alerts.yml", "alert A", "up == 0 or grn_gpu_utilization_ratio > 1",
            PromQl.Selectors("up == 0 or grn_gpu_utilization_ratio > 1"));

        MetricCoverage.Missing([query], new HashSet<string>()).Select(m => m.Name).Should().Equal("grn_gpu_utilization_ratio");
        MetricCoverage.Missing([query], new HashSet<string>(), excused: n => n.StartsWith("grn_gpu_")).Should().BeEmpty();
    }
}
