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
    [InlineData("image.repository", "push the images built from deploy/docker/")]
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
    [InlineData("silo.kind=Deployment", "silo.kind")]
    [InlineData("silo.probes.liveness.timeoutSeconds=1", "silo.probes.liveness.timeoutSeconds")]
    [InlineData("silo.resources.perGpu.memory=1.5Gi", "silo.resources.perGpu.memory")]
    [InlineData("image.flavour=rocm", "image.flavour")]
    public void A_value_out_of_its_range_is_refused_naming_it(string value, string named)
    {
        var run = HelmChart.Template([.. HelmChart.RequiredValues, value]);

        run.ExitCode.Should().NotBe(0, $"{value} is invalid");
        run.Output.Should().Contain("values don't meet the specifications of the schema").And.Contain(named);
    }

    /// <summary>Contradictions values.schema.json refuses (its if/then rules), each naming the value to change.</summary>
    [Theory]
    [InlineData("image.flavour=cpu,silo.gpus=2", "image.flavour: image.flavour must be one of the following: \"auto\", \"cuda\"")]
    [InlineData("silo.runtimeClassName=nvidia", "silo.gpus: Must be greater than or equal to 1")]
    [InlineData("tls.existingSecret=", "tls.existingSecret: String length must be greater than or equal to 1")]
    [InlineData("tls.certManager.enabled=true", "tls.existingSecret: String length must be less than or equal to 0")]
    [InlineData("tls.existingSecret=,tls.certManager.enabled=true", "tls.certManager.issuerRef.name: String length must be greater than or equal to 1")]
    [InlineData("silo.kind=DaemonSet,silo.daemonSet.nodeSelector=null", "silo.daemonSet: nodeSelector is required")]
    [InlineData("silo.updateStrategy.partition=1", "silo.updateStrategy.type: silo.updateStrategy.type does not match: \"RollingUpdate\"")]
    [InlineData("silo.kind=DaemonSet,silo.updateStrategy.type=RollingUpdate,silo.updateStrategy.partition=1", "silo.kind: silo.kind does not match: \"StatefulSet\"")]
    [InlineData("image.tag=0.1.0-cuda", "image.tag: Must not validate the schema (not)")]
    public void Contradictory_values_are_refused_naming_the_value_to_change(string values, string message)
    {
        var run = HelmChart.Template([.. HelmChart.RequiredValues, .. values.Split(',')]);

        run.ExitCode.Should().NotBe(0, $"{values} contradict each other");
        run.Output.Should().Contain("values don't meet the specifications of the schema").And.Contain(message);
    }

    [Fact]
    public void The_contradictions_are_refused_for_what_they_are_not_for_their_parts()
    {
        foreach (var values in new[] { "image.flavour=cpu", "silo.gpus=2", "silo.runtimeClassName=nvidia,silo.gpus=1", "tls.enabled=false,tls.existingSecret=",
                     "silo.kind=DaemonSet", "silo.updateStrategy.type=RollingUpdate,silo.updateStrategy.partition=1", "image.tag=0.1.0-cudnn" })
            HelmChart.Template([.. HelmChart.RequiredValues, .. values.Split(',')]).ExitCode.Should().Be(0, values);
    }

    [Fact]
    public void A_grace_period_shorter_than_the_pre_stop_wait_and_the_hand_back_is_refused()
    {
        var run = HelmChart.Template([.. HelmChart.RequiredValues, "silo.preStopSeconds=30", "silo.terminationGracePeriodSeconds=120"]);

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("silo.terminationGracePeriodSeconds is 120: it must cover silo.preStopSeconds (30) + the silo's 90 s hand-back + 10 s, so give at least 130");
    }

    [Fact]
    public void The_datasets_a_job_may_prepare_are_those_grn_data_prepare_knows()
    {
        var schema = JsonNode.Parse(Repository.Read(HelmChart.Folder + "/values.schema.json"))!;
        var allowed = schema["properties"]!["data"]!["properties"]!["prepare"]!["items"]!["enum"]!.AsArray().Select(n => (string?)n);

        allowed.Should().BeEquivalentTo(DatasetPreparer.KnownDatasets);
    }
}
