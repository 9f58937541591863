using System.Text.RegularExpressions;

namespace GradRetentionNet.Observability.Tests;

/// <summary>One sample line of a Prometheus text scrape.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, string Value);

/// <summary>Just enough of the Prometheus text format to check names, labels and values.</summary>
internal static partial class PrometheusText
{
    public static IReadOnlyList<Sample> Parse(string text) => text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => SampleLine().Match(line))
        .Where(match => match.Success)
        .Select(match => new Sample(match.Groups["name"].Value,
            LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value),
            match.Groups["value"].Value))
        .ToList();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
