using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace GradRetentionNet.Cli;

/// <summary>
/// Numeric options that say what a number looks like when given something else ("invalid --lr
/// 'abc': give a number such as 0.01 or 3e-4") rather than System.CommandLine's message, which
/// names a .NET type (System.Nullable`1[System.Double]). Values are read with the invariant
/// culture, so 0.01 means the same on every machine.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A number with a fraction or exponent allowed (double, double?); not NaN or infinite.</summary>
    public static Option<T> AsNumber<T>(this Option<T> option)
    {
        option.CustomParser = result =>
        {
            var text = Text(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                return (T)(object)value;
            result.AddError($"invalid {option.Name} '{text}': give a number such as 0.01 or 3e-4");
            return default;
        };
        return option;
    }

    /// <summary>A whole number (int, long and their nullable forms); <paramref name="example"/> shows a typical value.</summary>
    public static Option<T> AsWholeNumber<T>(this Option<T> option, string example)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        var (minimum, maximum) = type == typeof(int) ? ((BigInteger)int.MinValue, (BigInteger)int.MaxValue)
            : type == typeof(long) ? (long.MinValue, long.MaxValue)
            : throw new ArgumentException($"{option.Name}: AsWholeNumber takes int or long options, not {typeof(T)}");
        option.CustomParser = result =>
        {
            var text = Text(result);
            if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                result.AddError($"invalid {option.Name} '{text}': give a whole number such as {example}");
            else if (value < minimum || value > maximum)
                result.AddError($"invalid {option.Name} '{text}': give a whole number between {minimum} and {maximum}");
            else
                return type == typeof(int) ? (T)(object)(int)value : (T)(object)(long)value;
            return default;
        };
        return option;
    }

    // These options take one value; the last token is the one given.
    static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value.Trim() : "";
}
