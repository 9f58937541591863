using System.Globalization;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>An optimizer's complete, validated hyperparameters (defaults filled in), in canonical text form.</summary>
public sealed class HyperParameterValues(IReadOnlyDictionary<string, string> values)
{
    /// <summary>Every hyperparameter by name, as recorded with results.</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public double Number(string name) => double.Parse(Values[name], CultureInfo.InvariantCulture);

    public bool Flag(string name) => Values[name] == "true";

    public string Choice(string name) => Values[name];
}
