using System.Globalization;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// Maps a coordinate u in [0, 1) to one hyperparameter's value, as text. The text goes into the
/// job id's hash, so it must be byte-identical on every run and machine: numbers are written
/// with six significant digits in the invariant culture (short, stable, and finer than any
/// tuning needs), whole numbers as integers.
/// </summary>
internal static class SpaceValue
{
    public static string At(ParameterSpace space, double u) => space.Kind switch
    {
        SpaceKind.Choice => space.Values[Math.Min((int)(u * space.Values.Count), space.Values.Count - 1)],
        SpaceKind.Uniform => Number(space.Low + ((space.High - space.Low) * u), space),
        SpaceKind.LogUniform => Number(Math.Exp(Math.Log(space.Low) + ((Math.Log(space.High) - Math.Log(space.Low)) * u)), space),
        SpaceKind.IntUniform => Whole(space.Low + Math.Floor((space.High - space.Low + 1) * u), space),
        _ => throw new ArgumentOutOfRangeException(nameof(space), space.Kind, "unknown space kind"),
    };

    static string Number(double value, ParameterSpace space)
    {
        var text = value.ToString("G6", CultureInfo.InvariantCulture);
        var written = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        // Rounding to six digits can step past an end the spec wrote with more digits
        // (0.9999999 -> "1"), and the end may be the hyperparameter's limit (momentum < 1): the
        // end itself, which the parser checked, is used instead.
        if (written < space.Low) return Exact(space.Low);
        if (written > space.High) return Exact(space.High);
        return text;
    }

    static string Whole(double value, ParameterSpace space) =>
        ((long)Math.Clamp(value, space.Low, space.High)).ToString(CultureInfo.InvariantCulture);

    static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
