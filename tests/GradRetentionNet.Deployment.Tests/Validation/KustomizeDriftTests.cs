using System.Text.Json.Nodes;
using GradRetentionNet.Testing;

namespace GradRetentionNet.Deployment.Tests.Validation;

/// <summary>deploy/k8s (plain manifests, kustomize) against the chart rendered with deploy/k8s/values.yaml.</summary>
public sealed class KustomizeDriftTests
{
    public const string Folder = "deploy/k8s";

    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>`kubectl kustomize deploy/k8s`: the plain manifests as kubectl apply -k sees them.</summary>
    public static string Build()
    {
        var run = ToolRun.Start(DeploymentTools.Kubectl, ["kustomize", Folder], Repository.Root, Timeout);
        run.ExitCode.Should().Be(0, run.ToString());
        return run.Output;
    }

    [Fact]
    public void The_plain_manifests_are_the_chart_rendered_with_their_values()
    {
        var run = HelmChart.Helm(["template", "grn", HelmChart.Folder, "-f", $"{Folder}/values.yaml"]);
        run.ExitCode.Should().Be(0, run.ToString());
        var chart = HelmChart.ParseDocuments(string.Join('\n', run.Output.Split('\n').Where(l => !l.StartsWith("walk.go:", StringComparison.Ordinal))));
        var kustomized = HelmChart.ParseDocuments(Build());

        // The one change kustomization.yaml makes: the objects (not selectors, not pod templates) say who applied them.
        foreach (var manifest in chart) manifest["metadata"]!["labels"]!["app.kubernetes.io/managed-by"] = "kustomize";
        static string Key(JsonObject m) => $"{m["kind"]}/{m["metadata"]!["name"]}";
        kustomized.Select(Key).Should().BeEquivalentTo(chart.Select(Key), $"regenerate with `bash {Folder}/generate.sh` when the chart changes");
        var expected = chart.ToDictionary(Key);
        foreach (var manifest in kustomized)
            JsonNode.DeepEquals(manifest, expected[Key(manifest)]).Should().BeTrue(
                $"{Key(manifest)} differs from the chart's: regenerate with `bash {Folder}/generate.sh`\nkustomize: {manifest.ToJsonString()}\nchart:     {expected[Key(manifest)].ToJsonString()}");
    }

    [Fact]
    public void The_plain_manifests_need_no_helm_hook_and_hold_no_secret()
    {
        var kustomized = HelmChart.ParseDocuments(Build());

        kustomized.Should().NotContain(m => (string?)m["kind"] == "Secret", "secrets are created by the user, never committed");
        kustomized.Where(m => m["metadata"]!["annotations"] is JsonObject a && a.ContainsKey("helm.sh/hook")).Should().BeEmpty("kubectl apply runs no hooks");
        var silo = new Manifests(kustomized).SiloEnvironment;
        ((string?)silo["GRN_Silo__MigrateOnStart"]["value"]).Should().Be("true", "without the hook Job the silos apply the schema");
    }
}
