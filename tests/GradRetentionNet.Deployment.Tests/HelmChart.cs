using System.Text.Json.Nodes;
using GradRetentionNet.Testing;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace GradRetentionNet.Deployment.Tests;

/// <summary>helm/gradretentionnet rendered by the real helm (build/check-tools.sh), as JSON nodes.</summary>
public static class HelmChart
{
    public const string Folder = "helm/gradretentionnet";

    /// <summary>The values a user must give (values.yaml says so); tests add their own after these.</summary>
    public static readonly string[] RequiredValues = ["image.repository=registry.example/grn-silo", "api.token=chart-token", "postgres.connectionString=Host=db;Database=grn", "tls.existingSecret=grn-tls"];

    static readonly TimeSpan HelmTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Runs helm with <paramref name="arguments"/> in the repository's root.</summary>
    public static ToolRun Helm(params string[] arguments) => ToolRun.Start(Tools.Helm, arguments, Repository.Root, HelmTimeout);

    /// <summary>`helm template` of release "grn" in namespace "sweeps" with <paramref name="values"/> (key=value, as --set).</summary>
    public static ToolRun Template(IEnumerable<string> values) =>
        Helm(["template", "grn", Folder, "--namespace", "sweeps", .. values.SelectMany(value => new[] { "--set", value })]);

    /// <summary>The manifests rendered with the required values and then <paramref name="values"/>.</summary>
    public static Manifests Render(params string[] values) => new(ParseDocuments(RenderYaml(values)));

    /// <summary>The YAML stream `helm template` writes for the required values and then <paramref name="values"/>.</summary>
    public static string RenderYaml(params string[] values)
    {
        var run = Template([.. RequiredValues, .. values]);
        run.ExitCode.Should().Be(0, run.ToString());
        // helm logs each symbolic link it follows (files/ points at grafana/ and deploy/) on
        // stderr, which ToolRun interleaves with the YAML: those lines go.
        return string.Join('\n', run.Output.Split('\n').Where(line => !line.StartsWith("walk.go:", StringComparison.Ordinal)));
    }

    /// <summary>Every document of a YAML stream as JSON nodes (scalars as strings).</summary>
    public static List<JsonObject> ParseDocuments(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<JsonObject>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize(parser) is { } document && ToJson(document) is JsonObject manifest) documents.Add(manifest);
        }
        return documents;
    }

    /// <summary>YamlDotNet's untyped graph (dictionaries, lists, strings) as JSON nodes, scalars as strings.</summary>
    static JsonNode? ToJson(object? value) => value switch
    {
        IDictionary<object, object> map => new JsonObject(map.Select(entry => KeyValuePair.Create(entry.Key.ToString()!, ToJson(entry.Value)))),
        IList<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        null => null,
        _ => JsonValue.Create(value.ToString()),
    };
}

/// <summary>A chart's rendered objects.</summary>
public sealed class Manifests(IReadOnlyList<JsonObject> all)
{
    public IReadOnlyList<JsonObject> All => all;

    public IEnumerable<JsonObject> OfKind(string kind) => all.Where(m => (string?)m["kind"] == kind);

    public JsonObject Single(string kind) => OfKind(kind).Should().ContainSingle($"the chart renders one {kind}").Subject;

    /// <summary>The silos' workload: a StatefulSet or a DaemonSet (silo.kind).</summary>
    public JsonObject SiloWorkload => all.Where(m => (string?)m["kind"] is "StatefulSet" or "DaemonSet" or "Deployment")
        .Should().ContainSingle("the chart renders one workload for the silos").Subject;

    public JsonObject SiloPod => SiloWorkload["spec"]!["template"]!.AsObject();

    /// <summary>Every pod template the chart renders (the silos' and each Job's: metadata and spec), by the name of its owner.</summary>
    public IEnumerable<(string Owner, JsonObject Pod)> PodTemplates =>
        all.Where(m => m["spec"]?["template"]?["spec"] is JsonObject)
            .Select(m => ($"{m["kind"]} {m["metadata"]!["name"]}", m["spec"]!["template"]!.AsObject()));

    /// <summary>The object of <paramref name="kind"/> whose name ends with <paramref name="suffix"/>.</summary>
    public JsonObject Named(string kind, string suffix) =>
        OfKind(kind).Should().ContainSingle(m => ((string)m["metadata"]!["name"]!).EndsWith(suffix, StringComparison.Ordinal), $"one {kind} named *{suffix}").Subject;

    public JsonObject SiloContainer => SiloPod["spec"]!["containers"]!.AsArray().Should().ContainSingle().Subject!.AsObject();

    /// <summary>The silo container's environment: name to its entry (value or valueFrom).</summary>
    public Dictionary<string, JsonObject> SiloEnvironment =>
        SiloContainer["env"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);

    public string EnvironmentValue(string name) => (string)SiloEnvironment[name]["value"]!;
}
