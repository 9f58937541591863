using System.Text.Json.Nodes;
using GradRetentionNet.Data.Download;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>Values the chart refuses, each with a message that names the value and how to fix it.</summary>
public sealed class ChartValuesTests
{
    static ToolRun TemplateWithout(string key, params string[] values) =>
        HelmChart.Template([.. HelmChart.RequiredValues.Where(v => !v.StartsWith(key + "=", StringComparison.Ordinal)), .. values]);

    [Theory]
    [InlineData("image.repository", "push the image built from deploy/Dockerfile")]
    [InlineData("api.token", "api.existingSecret")]
    [InlineData("postgres.connectionString", "postgres.existingSecret")]
    public void A_missing_required_value_is_named_with_its_fix(string key, string fix)
    {
        var run = TemplateWithout(key);

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain($"{key} is required").And.Contain(fix);
    }

    [Theory]
    [InlineData("silo.replicas=0", "silo.replicas")]
    [InlineData("silo.gpus=-1", "silo.gpus")]
    [InlineData("silo.slots=0", "silo.slots")]
    [InlineData("silo.terminationGracePeriodSeconds=30", "silo.terminationGracePeriodSeconds")]
    [InlineData("silo.ports.http=70000", "silo.ports.http")]
    [InlineData("silo.logLevel=Chatty", "silo.logLevel")]
    [InlineData("silo.replica=3", "replica")]
    [InlineData("storage.size=lots", "storage.size")]
    [InlineData("storage.mountPath=runs", "storage.mountPath")]
    [InlineData("data.prepare={mnst}", "data.prepare")]
    [InlineData("grafana.datasource.prometheusUrl=prometheus:9090", "grafana.datasource.prometheusUrl")]
    public void A_value_out_of_its_range_is_refused_naming_it(string value, string named)
    {
        var run = HelmChart.Template([.. HelmChart.RequiredValues, value]);

        run.ExitCode.Should().NotBe(0, $"{value} is invalid");
        run.Output.Should().Contain("values don't meet the specifications of the schema").And.Contain(named);
    }

    [Fact]
    public void The_datasets_a_job_may_prepare_are_those_grn_data_prepare_knows()
    {
        var schema = JsonNode.Parse(Repository.Read(HelmChart.Folder + "/values.schema.json"))!;
        var allowed = schema["properties"]!["data"]!["properties"]!["prepare"]!["items"]!["enum"]!.AsArray().Select(n => (string?)n);

        allowed.Should().BeEquivalentTo(DatasetPreparer.KnownDatasets);
    }
}
