using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Looking up a spec mapping's keys: unknown keys refused, null values read as absent.</summary>
internal static class SpecNodes
{
    public static void Keys(YamlMappingNode mapping, string[] allowed, string prefix, string source)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
                throw new SweepSpecException(source, prefix + name, $"unknown key (line {key.Start.Line}): allowed keys are {string.Join(", ", allowed)}");
        }
    }

    public static YamlNode? Optional(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && !IsNull(node) ? node : null;

    public static YamlNode Required(YamlMappingNode mapping, string key, string source) =>
        Optional(mapping, key) ?? throw new SweepSpecException(source, key, "is required");

    public static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain };
}
