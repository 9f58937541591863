using System.Globalization;

namespace GradRetentionNet.Reporting.Html;

/// <summary>An image in a table cell, beside the page (relative path).</summary>
public sealed record ReportImage(string Source, string Alt, int Width);

/// <summary>
/// One cell of a <see cref="ReportTable"/>: the text shown, the number it sorts by (numeric columns;
/// null: missing, sorted last), links (to job folders) and at most one image. <see cref="Tone"/>
/// names a style (wins, ties, loses) for cells whose word carries the result.
/// </summary>
public sealed record ReportCell(string Text, double? SortKey = null, IReadOnlyList<ReportLink>? Links = null, ReportImage? Image = null, string? Tone = null)
{
    /// <summary>What a missing value looks like.</summary>
    public const string Missing = "–";

    public static ReportCell Of(string? text) => new(text ?? Missing);

    /// <summary>A number in <paramref name="format"/>; +∞ as <paramref name="infinity"/> (e.g. "missed"), sorted after every finite value.</summary>
    public static ReportCell Number(double? value, string format = "F4", string infinity = "∞") => value switch
    {
        null => new(Missing),
        { } v when double.IsNaN(v) => new("NaN"),
        double.PositiveInfinity => new(infinity, double.PositiveInfinity),
        { } v => new(v.ToString(format, CultureInfo.InvariantCulture), v),
    };

    /// <summary>An integer count.</summary>
    public static ReportCell Count(int value) => new(value.ToString(CultureInfo.InvariantCulture), value);

    /// <summary>"k/n", sorted by k.</summary>
    public static ReportCell OutOf(int count, int total) => new($"{count}/{total}", count);

    /// <summary>A p-value: four decimals, or scientific below 0.001 so a tiny p does not read as 0.</summary>
    public static ReportCell PValue(double? p) => p switch
    {
        null => new(Missing),
        < 0.001 => new(p.Value.ToString("0.0E+0", CultureInfo.InvariantCulture), p),
        _ => new(p.Value.ToString("0.0000", CultureInfo.InvariantCulture), p),
    };

    /// <summary>An interval "[lower, upper]", sorted by its lower end.</summary>
    public static ReportCell Interval(double? lower, double? upper, string format = "F4") =>
        lower is { } l && upper is { } u
            ? new($"[{l.ToString(format, CultureInfo.InvariantCulture)}, {u.ToString(format, CultureInfo.InvariantCulture)}]", l)
            : new(Missing);

    /// <summary>Links only (e.g. one per seed's job folder); "–" when there are none.</summary>
    public static ReportCell LinksTo(IReadOnlyList<ReportLink> links, string whenNone = Missing) =>
        links.Count == 0 ? new(whenNone) : new("", Links: links);
}
