using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// The hyperparameter configurations one optimizer runs, the same for every dataset (one budget
/// per optimizer per dataset), deterministic from the spec alone. A grid runs every combination
/// of its lists; random and quasi-random run <see cref="SearchSpec.Trials"/> draws with repeats
/// removed, first draw kept, because two equal configurations would be one job id twice: the
/// budget is therefore "at most trials" (fewer only when the space has few distinct points, or
/// none at all, as for an optimizer with defaults only).
/// </summary>
public static class SearchConfigurations
{
    /// <summary>Configurations of <paramref name="optimizer"/>, each hyperparameter → canonical text, keys in ordinal order.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> For(SweepSpec spec, string optimizer)
    {
        if (spec.Spaces is null) return GridPoints.Of(spec.Grid); // the list form: one grid for all optimizers
        var space = SpaceOf(spec, optimizer);
        if (spec.Search.Method == SearchMethod.Grid) return GridPoints.Of(Lists(space));

        var layout = SpaceLayout.Of(space);
        var trials = spec.Search.Trials ?? throw new ArgumentException($"a {spec.Search.Method} search needs a number of trials");
        var points = spec.Search.Method == SearchMethod.Random
            ? RandomPoints.Draw(trials, layout.Dimensions.Count, SamplerSeed.Of(spec.Search.Seed, optimizer, "random"))
            : ScrambledHalton.Draw(trials, layout.Dimensions.Count, SamplerSeed.Of(spec.Search.Seed, optimizer, "quasi-random"));
        return Unique(points.Select(layout.At));
    }

    /// <summary>How many configurations <see cref="For"/> gives, without listing a grid's combinations (a grid can be huge).</summary>
    public static long Count(SweepSpec spec, string optimizer)
    {
        if (spec.Spaces is null) return GridPoints.Count(spec.Grid.Values.Select(v => v.Count));
        if (spec.Search.Method == SearchMethod.Grid) return GridPoints.Count(SpaceOf(spec, optimizer).Values.Select(s => s.Values.Count));
        return For(spec, optimizer).Count; // at most trials (<= 100 000): drawing is the only way to know how many are distinct
    }

    static IReadOnlyDictionary<string, ParameterSpace> SpaceOf(SweepSpec spec, string optimizer) =>
        spec.Spaces!.TryGetValue(optimizer, out var space) ? space : throw new ArgumentException($"the spec has no search space for optimizer '{optimizer}'");

    static IReadOnlyDictionary<string, IReadOnlyList<string>> Lists(IReadOnlyDictionary<string, ParameterSpace> space) =>
        space.ToDictionary(
            s => s.Key,
            s => s.Value.Kind == SpaceKind.Choice ? s.Value.Values : throw new ArgumentException($"a grid search takes lists only, but {s.Key} is a {s.Value.Kind} range"),
            StringComparer.Ordinal);

    static IReadOnlyList<IReadOnlyDictionary<string, string>> Unique(IEnumerable<SortedDictionary<string, string>> configurations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<IReadOnlyDictionary<string, string>>();
        foreach (var configuration in configurations)
            if (seen.Add(Key(configuration)))
                unique.Add(configuration);
        return unique;
    }

    // Length-prefixed, so that no two different configurations share a key whatever their text holds.
    static string Key(SortedDictionary<string, string> configuration) =>
        string.Concat(configuration.Select(c => $"{c.Key.Length}:{c.Key}{c.Value.Length}:{c.Value}"));
}
