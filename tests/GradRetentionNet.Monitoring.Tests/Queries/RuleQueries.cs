using YamlDotNet.RepresentationModel;

namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>The PromQL of a Prometheus rule file: every rule's expr.</summary>
public static class RuleQueries
{
    public static IReadOnlyList<PromQuery> Read(string yaml, string file)
    {
        var queries = new List<PromQuery>();
        foreach (var group in Sequence(Root(yaml, file), "groups"))
        {
            foreach (var rule in Sequence(group, "rules"))
            {
                var name = Scalar(rule, "alert") is { } alert ? $"alert {alert}" : $"record {Scalar(rule, "record")}";
                var expr = Scalar(rule, "expr") ?? throw new FormatException($"{file}: {name} has no expr");
                try
                {
                    queries.Add(new PromQuery(QueryKind.Rule, file, name, expr, PromQl.Selectors(expr)));
                }
                catch (FormatException e)
                {
                    throw new FormatException($"{file}, {name}: {e.Message}", e);
                }
            }
        }
        return queries;
    }

    /// <summary>The rule files a Prometheus configuration names (rule_files), relative to the configuration's folder.</summary>
    public static IReadOnlyList<string> RuleFiles(string configYaml, string file) =>
        Sequence(Root(configYaml, file), "rule_files").OfType<YamlScalarNode>().Select(s => s.Value!).ToList();

    static YamlMappingNode Root(string yaml, string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? throw new FormatException($"{file} is not a YAML mapping");
    }

    static IEnumerable<YamlNode> Sequence(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode sequence
            ? sequence.Children
            : [];

    static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
}
