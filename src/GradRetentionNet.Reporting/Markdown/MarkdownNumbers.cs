using System.Globalization;
using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>How numbers read on the results page: metrics to four decimals, counts with thousands separators, all in the invariant culture.</summary>
internal static class MarkdownNumbers
{
    /// <summary>What a missing value looks like.</summary>
    public const string Missing = "—";

    public static string Metric(double? value) => Format(value, "0.0000");

    /// <summary>A difference with its sign: "+0.0123", "-0.0040".</summary>
    public static string Difference(double? value) => Format(value, "+0.0000;-0.0000;0.0000");

    public static string Interval(ConfidenceInterval? interval) =>
        interval is null ? Missing : $"[{Metric(interval.Lower)}, {Metric(interval.Upper)}]";

    /// <summary>"0.9712 ± 0.0031"; a single seed has no spread.</summary>
    public static string MeanSd(SampleSummary? summary) => summary switch
    {
        null => Missing,
        { StandardDeviation: { } sd } => $"{Metric(summary.Mean)} ± {Metric(sd)}",
        _ => $"{Metric(summary.Mean)} (one seed)",
    };

    /// <summary>Four decimals; below 0.0001 as "&lt; 0.0001", so a tiny p does not read as 0.</summary>
    public static string PValue(double? p) => p switch
    {
        null => Missing,
        < 0.0001 => "< 0.0001",
        _ => Format(p, "0.0000"),
    };

    /// <summary>A time to target: steps or seconds; +∞ is a miss.</summary>
    public static string Time(double? value, string format) => value switch
    {
        null => Missing,
        double.PositiveInfinity => "∞ (missed)",
        _ => Format(value, format),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"2 h 05 min", "3 min 12 s", "45 s".</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0} s"),
    };

    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    static string Format(double? value, string format) => value switch
    {
        null => Missing,
        { } v when double.IsNaN(v) => "NaN",
        { } v => v.ToString(format, CultureInfo.InvariantCulture),
    };
}
