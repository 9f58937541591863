namespace GradRetentionNet.Training.Optimizers;

/// <summary>One-line validation errors that name the option, its value and what is allowed.</summary>
internal static class OptionGuard
{
    public static void Require(bool condition, string option, double value, string expectation)
    {
        if (!condition)
            throw new ArgumentException($"invalid {option} = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: must be {expectation}");
    }
}
