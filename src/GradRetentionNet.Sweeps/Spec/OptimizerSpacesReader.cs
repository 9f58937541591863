using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Training.Optimizers.Catalog;
using YamlDotNet.RepresentationModel;
using static GradRetentionNet.Sweeps.Spec.SpecNodes;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>
/// Reads <c>optimizers:</c> written as a map, optimizer → its search space: each hyperparameter a
/// value, a list of values, or one range (<c>uniform</c>, <c>log_uniform</c>, <c>int_uniform</c>:
/// <c>[low, high]</c>); an empty space runs the defaults. Every listed value and both ends of every
/// range go through the optimizer's own recipe now, so a value it refuses fails the submission,
/// not a job hours later.
/// </summary>
internal sealed class OptimizerSpacesReader(SpecReader reader, string source)
{
    const string RangeExample = "e.g. {log_uniform: [0.001, 1]}";

    public (IReadOnlyList<string> Names, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ParameterSpace>> Spaces) Read(YamlMappingNode node)
    {
        if (node.Children.Count == 0) throw new SweepSpecException(source, "optimizers", "must not be empty");
        var names = new List<string>();
        var spaces = new Dictionary<string, IReadOnlyDictionary<string, ParameterSpace>>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Children)
        {
            var name = reader.Text(key, "optimizers");
            if (!OptimizerCatalog.Names.Contains(name))
                throw new SweepSpecException(source, "optimizers", $"unknown name '{name}': allowed are {string.Join(", ", OptimizerCatalog.Names)}");
            names.Add(name);
            spaces[name] = ReadSpace(OptimizerCatalog.Find(name), value);
        }
        return (names, spaces);
    }

    IReadOnlyDictionary<string, ParameterSpace> ReadSpace(OptimizerRecipe recipe, YamlNode node)
    {
        var space = new SortedDictionary<string, ParameterSpace>(StringComparer.Ordinal);
        if (IsNull(node)) return space; // `adam:` — the defaults only
        var field = $"optimizers.{recipe.Name}";
        var mapping = node as YamlMappingNode ?? throw new SweepSpecException(source, field,
            $"must map hyperparameters to values, lists or ranges ({RangeExample}), or be empty for the defaults (line {node.Start.Line})");
        foreach (var (key, value) in mapping.Children)
        {
            var name = reader.Text(key, field);
            var parameter = recipe.HyperParameters.FirstOrDefault(h => h.Name == name)
                ?? throw new SweepSpecException(source, $"{field}.{name}",
                    $"is not a hyperparameter of optimizer '{recipe.Name}', which takes {string.Join(", ", recipe.HyperParameters.Select(h => h.Name))}");
            space[name] = ReadParameter(recipe, parameter, value, $"{field}.{name}");
        }
        return space;
    }

    ParameterSpace ReadParameter(OptimizerRecipe recipe, HyperParameter parameter, YamlNode node, string field)
    {
        if (IsNull(node)) throw new SweepSpecException(source, field, $"must be a value, a list of values or a range ({RangeExample})");
        return node is YamlMappingNode range ? ReadRange(recipe, parameter, range, field) : ReadChoice(recipe, parameter, node, field);
    }

    ParameterSpace ReadChoice(OptimizerRecipe recipe, HyperParameter parameter, YamlNode node, string field)
    {
        var values = reader.List(node, field).Select((v, i) => reader.Text(v, $"{field}[{i}]")).ToList();
        foreach (var value in values) CheckWithRecipe(recipe, parameter.Name, value, field);
        // Compared as the recipe reads them, so 0.1 and 0.10 (or Adam and adam) count as one value.
        var canonical = values.Select(v => parameter.Canonicalise(recipe.Name, v)).ToList();
        if (canonical.Distinct(StringComparer.Ordinal).Count() != canonical.Count)
            throw new SweepSpecException(source, field, "lists a value twice");
        return ParameterSpace.Choice([.. values]);
    }

    ParameterSpace ReadRange(OptimizerRecipe recipe, HyperParameter parameter, YamlMappingNode node, string field)
    {
        var allowed = string.Join(", ", ParameterSpace.RangeKeys.Keys);
        if (node.Children.Count != 1)
            throw new SweepSpecException(source, field, $"a range has exactly one key, one of {allowed}, with [low, high]; got {node.Children.Count}");
        var (keyNode, bounds) = node.Children.Single();
        var key = reader.Text(keyNode, field);
        if (!ParameterSpace.RangeKeys.TryGetValue(key, out var kind))
            throw new SweepSpecException(source, $"{field}.{key}", $"unknown range: use one of {allowed} with [low, high]");
        if (parameter.Kind != HyperParameterKind.Number)
        {
            var takes = parameter.Kind == HyperParameterKind.Flag ? "true or false" : $"one of {string.Join(", ", parameter.Choices ?? [])}";
            throw new SweepSpecException(source, field, $"is not a number ({takes}), so it takes no {key} range: list the values to try instead");
        }

        var ends = bounds is YamlSequenceNode { Children.Count: 2 } pair
            ? pair.Children
            : throw new SweepSpecException(source, $"{field}.{key}", "must be [low, high], two numbers");
        var lowText = reader.Text(ends[0], $"{field}.{key}[0]");
        var highText = reader.Text(ends[1], $"{field}.{key}[1]");
        var low = reader.Double(ends[0], $"{field}.{key}[0]");
        var high = reader.Double(ends[1], $"{field}.{key}[1]");
        if (low > high) throw new SweepSpecException(source, field, $"{key}: low {lowText} is above high {highText}");
        if (kind == SpaceKind.LogUniform && low <= 0)
            throw new SweepSpecException(source, field, $"log_uniform needs both ends > 0 (it draws uniformly in log space), got [{lowText}, {highText}]");
        if (kind == SpaceKind.IntUniform && !(IsWhole(low) && IsWhole(high)))
            throw new SweepSpecException(source, field, $"int_uniform needs whole numbers of at most 15 digits at both ends, got [{lowText}, {highText}]");
        CheckWithRecipe(recipe, parameter.Name, lowText, field);
        CheckWithRecipe(recipe, parameter.Name, highText, field);
        return ParameterSpace.Range(kind, low, high);
    }

    // Below 10^15 a double holds every whole number exactly, so each of low..high can be drawn.
    static bool IsWhole(double value) => Math.Floor(value) == value && Math.Abs(value) < 1e15;

    void CheckWithRecipe(OptimizerRecipe recipe, string name, string value, string field)
    {
        try
        {
            recipe.Resolve(new Dictionary<string, string> { [name] = value });
        }
        catch (ArgumentException e)
        {
            throw new SweepSpecException(source, field, e.Message);
        }
    }
}
