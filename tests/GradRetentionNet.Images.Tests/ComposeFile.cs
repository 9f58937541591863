using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GradRetentionNet.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace GradRetentionNet.Images.Tests;

/// <summary>
/// deploy/compose/compose.yaml as Compose reads it: YAML merge keys (&lt;&lt;: *anchor) resolved and
/// ${VAR}, ${VAR:-default}, ${VAR:?error} interpolated from <see cref="Variables"/> and the defaults.
/// </summary>
public sealed class ComposeFile
{
    public const string Folder = "deploy/compose";
    public const string RelativePath = Folder + "/compose.yaml";

    /// <summary>What a user exports before `docker compose up` (compose.yaml's header).</summary>
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string> { ["GRN_TOKEN"] = "compose-test-token" };

    ComposeFile(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonObject Services => Root["services"]!.AsObject();

    public JsonObject Service(string name) => Services[name]!.AsObject();

    public static ComposeFile Read(IReadOnlyDictionary<string, string>? variables = null)
    {
        using var reader = new StringReader(Repository.Read(RelativePath));
        var yaml = new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return new ComposeFile(Interpolate(JsonNode.Parse(json)!, variables ?? Variables)!.AsObject());
    }

    /// <summary>A service's environment as a dictionary (Compose allows a map or a list of NAME=VALUE).</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Service(service)["environment"] switch
        {
            JsonObject map => map.ToDictionary(p => p.Key, p => (string)p.Value!),
            JsonArray list => list.Select(e => ((string)e!).Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
            _ => new Dictionary<string, string>(),
        };

    /// <summary>A service's volumes in short syntax: (source, target, read-only), the source a named volume or a path relative to deploy/compose.</summary>
    public IReadOnlyList<Mount> Mounts(string service) =>
        (Service(service)["volumes"]?.AsArray() ?? []).Select(v => Mount.Parse((string)v!)).ToList();

    /// <summary>The list of strings at <paramref name="key"/> of a service (command, entrypoint, tmpfs, cap_drop), a lone string as one.</summary>
    public IReadOnlyList<string> Strings(string service, string key) =>
        Service(service)[key] switch
        {
            JsonArray list => list.Select(e => (string)e!).ToList(),
            JsonValue value => [(string)value!],
            _ => [],
        };

    static JsonNode? Interpolate(JsonNode? node, IReadOnlyDictionary<string, string> variables)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList()) map[key] = Interpolate(value?.DeepClone(), variables);
                return map;
            case JsonArray list:
                return new JsonArray([.. list.Select(e => Interpolate(e?.DeepClone(), variables))]);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Regex.Replace(text, @"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}", m =>
                    variables.TryGetValue(m.Groups[1].Value, out var set) ? set
                    : m.Groups[2].Value == ":-" ? m.Groups[3].Value
                    : throw new InvalidOperationException($"{RelativePath}: {m.Groups[1].Value} is required: {m.Groups[3].Value}")));
            default:
                return node;
        }
    }
}

/// <summary>A short-syntax volume entry: SOURCE:TARGET[:ro].</summary>
public sealed record Mount(string Source, string Target, bool ReadOnly)
{
    /// <summary>A bind mount's source is a path (./, ../ or /); anything else names a volume.</summary>
    public bool IsBind => Source.StartsWith('.') || Source.StartsWith('/');

    /// <summary>A bind mount's source relative to the repository root.</summary>
    public string RepositoryPath => Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.Path(ComposeFile.Folder), Source))).Replace('\\', '/');

    public static Mount Parse(string entry)
    {
        var parts = entry.Split(':');
        return parts.Length switch
        {
            2 => new Mount(parts[0], parts[1], false),
            3 => new Mount(parts[0], parts[1], parts[2].Split(',').Contains("ro")),
            _ => throw new FormatException($"{ComposeFile.RelativePath}: volume '{entry}' is not SOURCE:TARGET[:ro]"),
        };
    }
}
