using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>How to build one named optimizer: its hyperparameters and a factory.</summary>
/// <param name="Name">The name users write (e.g. <c>adamw</c>, <c>enhanced-sgd-legacy</c>).</param>
/// <param name="Description">One line for help output.</param>
/// <param name="HyperParameters">Everything it accepts, with defaults.</param>
/// <param name="Build">Creates the optimizer from validated values.</param>
/// <param name="CrossCheck">Checks that involve several values (e.g. clip_max ≥ clip_min); throws <see cref="ArgumentException"/>.</param>
public sealed record OptimizerRecipe(
    string Name,
    string Description,
    IReadOnlyList<HyperParameter> HyperParameters,
    Func<IEnumerable<Parameter>, HyperParameterValues, OptimizerContext, optim.Optimizer> Build,
    Action<HyperParameterValues>? CrossCheck = null)
{
    /// <summary>Fills defaults and validates <paramref name="overrides"/>; throws a one-line <see cref="ArgumentException"/>.</summary>
    public HyperParameterValues Resolve(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var known = HyperParameters.ToDictionary(h => h.Name, StringComparer.Ordinal);
        var values = HyperParameters.ToDictionary(h => h.Name, h => h.Default, StringComparer.Ordinal);
        foreach (var (name, text) in overrides ?? new Dictionary<string, string>())
        {
            if (!known.TryGetValue(name, out var parameter))
                throw new ArgumentException($"optimizer '{Name}' has no hyperparameter '{name}': it takes {string.Join(", ", known.Keys)}");
            values[name] = parameter.Canonicalise(Name, text);
        }
        var resolved = new HyperParameterValues(values);
        try
        {
            CrossCheck?.Invoke(resolved);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"optimizer '{Name}': {e.Message}", e);
        }
        return resolved;
    }
}
