using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>Every optimizer GradRetentionNet can run, by name.</summary>
public static class OptimizerCatalog
{
    static readonly IReadOnlyDictionary<string, OptimizerRecipe> Recipes =
        BaselineRecipes.All().Concat(EnhancedSgdRecipes.All()).ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>All recipes, baselines first.</summary>
    public static IReadOnlyCollection<OptimizerRecipe> All => Recipes.Values.ToList();

    /// <summary>The known names.</summary>
    public static IReadOnlyCollection<string> Names => Recipes.Keys.ToList();

    /// <summary>The recipe for <paramref name="name"/>; throws a one-line <see cref="ArgumentException"/> listing the known names.</summary>
    public static OptimizerRecipe Find(string name) =>
        Recipes.TryGetValue(name, out var recipe)
            ? recipe
            : throw new ArgumentException($"unknown optimizer '{name}': use one of {string.Join(", ", Recipes.Keys)}");

    /// <summary>Validates <paramref name="hyperParameters"/> for <paramref name="name"/> and fills the defaults.</summary>
    public static HyperParameterValues Resolve(string name, IReadOnlyDictionary<string, string>? hyperParameters = null) =>
        Find(name).Resolve(hyperParameters);

    /// <summary>Builds the optimizer <paramref name="name"/> over <paramref name="parameters"/>.</summary>
    public static optim.Optimizer Create(string name, IEnumerable<Parameter> parameters,
        IReadOnlyDictionary<string, string>? hyperParameters, OptimizerContext context)
    {
        var recipe = Find(name);
        return recipe.Build(parameters, recipe.Resolve(hyperParameters), context);
    }
}
