using System.Globalization;
using System.Net;

namespace GradRetentionNet.Reporting.Html;

/// <summary>Text as it goes into a page: every string HTML-encoded, every number in the invariant culture.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// A sort key as the page script reads it: Number() parses "Infinity", so a missed target sorts
    /// after every time; "" marks a missing value, which the script keeps last in either direction.
    /// </summary>
    public static string SortKey(double? value) => value switch
    {
        null => "",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        { } v when double.IsNaN(v) => "",
        { } v => v.ToString("R", CultureInfo.InvariantCulture),
    };
}
