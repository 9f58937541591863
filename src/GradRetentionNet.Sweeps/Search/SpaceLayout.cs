using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// One optimizer's space laid out for sampling: the constants every configuration carries (a
/// single listed value), and the dimensions a point of the unit cube chooses along, in ordinal
/// name order so that a point's coordinates always mean the same hyperparameters.
/// </summary>
internal sealed record SpaceLayout(
    IReadOnlyList<KeyValuePair<string, string>> Constants,
    IReadOnlyList<KeyValuePair<string, ParameterSpace>> Dimensions)
{
    public static SpaceLayout Of(IReadOnlyDictionary<string, ParameterSpace> space)
    {
        var ordered = space.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return new SpaceLayout(
            [.. ordered.Where(s => IsConstant(s.Value)).Select(s => KeyValuePair.Create(s.Key, s.Value.Values[0]))],
            [.. ordered.Where(s => !IsConstant(s.Value))]);
    }

    /// <summary>The configuration at <paramref name="point"/> (one coordinate per dimension).</summary>
    public SortedDictionary<string, string> At(IReadOnlyList<double> point)
    {
        var configuration = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Constants) configuration[name] = value;
        for (var d = 0; d < Dimensions.Count; d++) configuration[Dimensions[d].Key] = SpaceValue.At(Dimensions[d].Value, point[d]);
        return configuration;
    }

    static bool IsConstant(ParameterSpace space) => space.Kind == SpaceKind.Choice && space.Values.Count == 1;
}
