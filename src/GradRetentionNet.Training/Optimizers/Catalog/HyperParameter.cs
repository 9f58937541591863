using System.Globalization;

namespace GradRetentionNet.Training.Optimizers.Catalog;

/// <summary>The type of a hyperparameter's value.</summary>
public enum HyperParameterKind
{
    Number,
    Flag,
    Choice,
}

/// <summary>One tunable value of an optimizer: its name, type, default and allowed values.</summary>
/// <param name="Name">snake_case name used in specs and on the command line.</param>
/// <param name="Kind">Value type.</param>
/// <param name="Default">Default, in invariant text form.</param>
/// <param name="Description">One line for help output.</param>
/// <param name="IsValid">For numbers: the range check.</param>
/// <param name="Expectation">For numbers: the range in words, used in errors.</param>
/// <param name="Choices">For choices: the allowed words.</param>
public sealed record HyperParameter(
    string Name,
    HyperParameterKind Kind,
    string Default,
    string Description,
    Func<double, bool>? IsValid = null,
    string? Expectation = null,
    IReadOnlyList<string>? Choices = null)
{
    public static HyperParameter Number(string name, double @default, string description, Func<double, bool> isValid, string expectation) =>
        new(name, HyperParameterKind.Number, @default.ToString("R", CultureInfo.InvariantCulture), description, isValid, expectation);

    public static HyperParameter Flag(string name, bool @default, string description) =>
        new(name, HyperParameterKind.Flag, @default ? "true" : "false", description);

    public static HyperParameter Choice(string name, string @default, string description, params string[] choices) =>
        new(name, HyperParameterKind.Choice, @default, description, Choices: choices);

    /// <summary>Checks <paramref name="text"/> and returns it in canonical form; throws a one-line <see cref="ArgumentException"/>.</summary>
    public string Canonicalise(string optimizer, string text)
    {
        var value = text.Trim();
        switch (Kind)
        {
            case HyperParameterKind.Number:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                    throw new ArgumentException($"optimizer '{optimizer}': {Name} must be a number, got '{text}'");
                if (IsValid is not null && !IsValid(number))
                    throw new ArgumentException($"optimizer '{optimizer}': {Name} = {value} is out of range: must be {Expectation}");
                return number.ToString("R", CultureInfo.InvariantCulture);
            case HyperParameterKind.Flag:
                if (!bool.TryParse(value, out var flag))
                    throw new ArgumentException($"optimizer '{optimizer}': {Name} must be true or false, got '{text}'");
                return flag ? "true" : "false";
            default:
                var choice = Choices!.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
                return choice ?? throw new ArgumentException(
                    $"optimizer '{optimizer}': {Name} = '{text}' is not allowed: use one of {string.Join(", ", Choices!)}");
        }
    }
}
