using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Typed reads of scalar and list nodes, each failing with the field's name.</summary>
internal sealed class SpecReader(string source)
{
    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw new SweepSpecException(source, field, $"must be a mapping (line {node.Start.Line})");

    public IReadOnlyList<YamlNode> List(YamlNode node, string field)
    {
        var items = node switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode => [node],
            _ => throw new SweepSpecException(source, field, $"must be a list (line {node.Start.Line})"),
        };
        return items.Count > 0 ? items : throw new SweepSpecException(source, field, "must not be empty");
    }

    public IReadOnlyList<string> Names(YamlNode node, string field, IReadOnlyCollection<string> allowed)
    {
        var names = List(node, field).Select((item, i) => Text(item, $"{field}[{i}]")).ToList();
        foreach (var name in names)
            if (!allowed.Contains(name))
                throw new SweepSpecException(source, field, $"unknown name '{name}': allowed are {string.Join(", ", allowed)}");
        if (names.Distinct().Count() != names.Count) throw new SweepSpecException(source, field, "lists a name twice");
        return names;
    }

    public string Text(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : throw new SweepSpecException(source, field, $"must be a single value (line {node.Start.Line})");

    public string Choice(YamlNode node, string field, string[] allowed)
    {
        var value = Text(node, field);
        return allowed.Contains(value) ? value : throw new SweepSpecException(source, field, $"'{value}' is not allowed: use one of {string.Join(", ", allowed)}");
    }

    public long Long(YamlNode node, string field, long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        var text = Text(node, field);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw new SweepSpecException(source, field, $"must be a whole number, got '{text}'");
        if (value < minimum || value > maximum)
            throw new SweepSpecException(source, field, maximum >= int.MaxValue ? $"must be >= {minimum}, got {value}" : $"must be between {minimum} and {maximum}, got {value}");
        return value;
    }

    public double Double(YamlNode node, string field)
    {
        var text = Text(node, field);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new SweepSpecException(source, field, $"must be a number, got '{text}'");
    }
}
