using GradRetentionNet.Monitoring.Tests.Queries;

namespace GradRetentionNet.Monitoring.Tests;

public sealed class PromQlTests
{
    [Theory]
    [InlineData("up", new[] { "up" })]
    [InlineData("up{job=\"grn-silo\"} == 0", new[] { "up" })]
    // Functions and aggregations are not metrics; by-lists hold label names.
    [InlineData("sum by (silo) (rate(grn_jobs_completed_total{silo=~\"$silo\"}[$__rate_interval])) * 3600", new[] { "grn_jobs_completed_total" })]
    [InlineData("sum(rate(grn_jobs_failed_total[5m])) by (sweep, dataset)", new[] { "grn_jobs_failed_total" })]
    [InlineData("histogram_quantile(0.95, sum by (optimizer, le) (rate(grn_epoch_duration_seconds_bucket{sweep=~\"$sweep\"}[5m])))", new[] { "grn_epoch_duration_seconds_bucket" })]
    // Vector matching: on/ignoring/group_left lists are label names; a metric may follow group_left without a list.
    [InlineData("grn_gpu_memory_used_bytes / on (silo, device) group_left (gpu) grn_gpu_memory_total_bytes", new[] { "grn_gpu_memory_used_bytes", "grn_gpu_memory_total_bytes" })]
    [InlineData("a_metric * ignoring(instance) group_right b_metric", new[] { "a_metric", "b_metric" })]
    [InlineData("max by (sweep) (grn_sweep_jobs{state=\"pending\"}) > 0 and on () (sum(grn_slots_total) - sum(grn_slots_busy)) > 0", new[] { "grn_sweep_jobs", "grn_slots_total", "grn_slots_busy" })]
    [InlineData("sum without (instance, job) (grn_jobs_running)", new[] { "grn_jobs_running" })]
    [InlineData("sum by (silo) (grn_slots_busy) unless sum by (silo) (grn_slots_total) == bool 0", new[] { "grn_slots_busy", "grn_slots_total" })]
    // Strings are skipped, whatever they hold; numbers, Inf, NaN and durations are not names.
    [InlineData("label_replace(grn_slots_total, \"node\", \"$1\", \"silo\", \"(rate|sum)(.*)\")", new[] { "grn_slots_total" })]
    [InlineData("count_values(\"le\", grn_job_epoch) > Inf or grn_job_epsilon < -inf or vector(NaN)", new[] { "grn_job_epoch", "grn_job_epsilon" })]
    [InlineData("grn_job_train_loss > 1e-3 and grn_job_train_loss < 0x10 + .5 * 2E+2", new[] { "grn_job_train_loss" })]
    [InlineData("topk(5, grn_process_memory_bytes) offset 1h30m", new[] { "grn_process_memory_bytes" })]
    [InlineData("grn_process_memory_bytes @ end() - grn_process_memory_bytes @ 1609746000", new[] { "grn_process_memory_bytes" })]
    // Ranges, subqueries and Grafana variables are skipped.
    [InlineData("max_over_time(rate(grn_jobs_completed_total[5m])[1h:$__interval]) / $divisor", new[] { "grn_jobs_completed_total" })]
    [InlineData("quantile($q, grn_step_duration_seconds_sum{optimizer=~\"${optimizer:regex}\"}) / ${scale}", new[] { "grn_step_duration_seconds_sum" })]
    // Label names and values inside matchers, even when they look like metrics or keywords.
    [InlineData("grn_jobs_running{sweep=\"sum\", by=\"x\", grn_other=~\"a,b}\"}", new[] { "grn_jobs_running" })]
    // __name__ and Prometheus 3's quoted names; a regex on __name__ names no single metric.
    [InlineData("{__name__=\"grn_slots_total\", silo=\"a\"} + {\"grn.dotted.name\", silo=\"a\"}", new[] { "grn_slots_total", "grn.dotted.name" })]
    [InlineData("count({__name__=~\"grn_job_.*\"})", new string[0])]
    // Comments, recording-rule style names with colons, and line breaks.
    [InlineData("# rate(not_a_metric[5m])\nsweep:grn_jobs_failed:increase15m\n  / on (sweep)\n  sweep:grn_jobs_ended:increase15m", new[] { "sweep:grn_jobs_failed:increase15m", "sweep:grn_jobs_ended:increase15m" })]
    // A name used twice is listed once.
    [InlineData("grn_slots_busy / grn_slots_total - grn_slots_busy", new[] { "grn_slots_busy", "grn_slots_total" })]
    public void Finds_the_metric_names_of_an_expression(string expression, string[] names) =>
        PromQl.MetricNames(expression).Should().Equal(names);

    [Fact]
    public void Reads_the_label_matchers_of_each_selector()
    {
        var selectors = PromQl.Selectors("grn_job_epoch{silo=~\"$silo\", job=\"$job\",} / ignoring(seed) grn_slots_total{silo!~'a|b', state!=`x`}");

        selectors.Should().HaveCount(2);
        selectors[0].Metric.Should().Be("grn_job_epoch");
        selectors[0].Matchers.Should().Equal(new LabelMatcher("silo", "=~", "$silo"), new LabelMatcher("job", "=", "$job"));
        selectors[1].Matchers.Should().Equal(new LabelMatcher("silo", "!~", "a|b"), new LabelMatcher("state", "!=", "x"));
    }

    [Fact]
    public void A_selector_by_name_matcher_keeps_its_other_matchers_and_a_regex_on_the_name_names_nothing()
    {
        var selectors = PromQl.Selectors("{__name__=\"grn_slots_busy\", silo=\"a\"} + {__name__=~\"grn_.*\"}");

        selectors[0].Should().BeEquivalentTo(new Selector("grn_slots_busy", [new LabelMatcher("silo", "=", "a")]));
        selectors[1].Metric.Should().BeNull();
    }

    [Theory]
    [InlineData("grn_slots_total{silo=\"a\"")]
    [InlineData("rate(grn_slots_total[5m)")]
    [InlineData("grn_slots_total{silo=\"a}")]
    [InlineData("sum by (silo grn_slots_total")]
    [InlineData("grn_slots_total{silo~\"a\"}")]
    public void A_malformed_expression_is_an_error_not_a_guess(string expression) =>
        FluentActions.Invoking(() => PromQl.Selectors(expression)).Should().Throw<FormatException>();

    [Theory]
    [InlineData("grn_epoch_duration_seconds_bucket", "grn_epoch_duration_seconds")]
    [InlineData("grn_epoch_duration_seconds_sum", "grn_epoch_duration_seconds")]
    [InlineData("grn_step_duration_seconds_count", "grn_step_duration_seconds")]
    [InlineData("grn_jobs_completed_total", null)]
    [InlineData("_count", null)]
    public void Strips_histogram_series_suffixes(string name, string? histogram) =>
        PromQl.HistogramBase(name).Should().Be(histogram);

    [Theory]
    [InlineData("label_values(grn_slots_total, silo)", new[] { "grn_slots_total" })]
    [InlineData("label_values(grn_epoch_duration_seconds_count{sweep=~\"$sweep\", dataset=~\"a,b\"}, optimizer)", new[] { "grn_epoch_duration_seconds_count" })]
    [InlineData("label_values(silo)", new string[0])]
    [InlineData("label_names()", new string[0])]
    [InlineData("metrics(grn_.*)", new string[0])]
    [InlineData("query_result(topk(3, sum by (sweep) (grn_jobs_running)))", new[] { "grn_jobs_running" })]
    [InlineData("max by (sweep) (grn_sweep_jobs)", new[] { "grn_sweep_jobs" })]
    public void Finds_the_metric_names_of_a_grafana_variable_query(string query, string[] names) =>
        GrafanaVariableQuery.Selectors(query).Select(s => s.Metric).Should().Equal(names);
}
