using System.Text.RegularExpressions;
using GradRetentionNet.Monitoring.Tests.Queries;

namespace GradRetentionNet.Monitoring.Tests.Metrics;

/// <summary>A metric of the contract: its name as Prometheus sees it, its type and its labels.</summary>
public sealed record ContractMetric(string Name, string Type, IReadOnlyList<string> Labels);

/// <summary>
/// The metrics table of grafana/README.md, the contract between the silo's exporter and the
/// dashboards and alerts. A row's labels cell reads "same" when it repeats the row above.
/// </summary>
public sealed partial class MetricContract
{
    readonly Dictionary<string, ContractMetric> metrics;

    MetricContract(IEnumerable<ContractMetric> metrics) => this.metrics = metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ContractMetric> Metrics => metrics.Values;

    public static MetricContract Parse(string markdown)
    {
        var rows = new List<ContractMetric>();
        foreach (var line in markdown.Split('\n'))
        {
            var match = Row().Match(line.Trim());
            if (!match.Success) continue;
            var labelsCell = match.Groups["labels"].Value.Trim();
            IReadOnlyList<string> labels = labelsCell == "same"
                ? rows.LastOrDefault()?.Labels ?? throw new FormatException($"the first metric row says its labels are 'same': {line}")
                : labelsCell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            rows.Add(new ContractMetric(match.Groups["name"].Value, match.Groups["type"].Value.Trim(), labels));
        }
        if (rows.Count == 0) throw new FormatException("no metric rows (| `name` | type | labels | meaning |) in the contract");
        return new MetricContract(rows);
    }

    /// <summary>
    /// The contract metric a series name belongs to: the metric itself, or for
    /// <c>_bucket</c>/<c>_sum</c>/<c>_count</c> the histogram it is a series of.
    /// </summary>
    public ContractMetric? Find(string seriesName)
    {
        if (metrics.TryGetValue(seriesName, out var metric)) return metric;
        return PromQl.HistogramBase(seriesName) is { } histogram && metrics.TryGetValue(histogram, out var @base) && @base.Type == "histogram"
            ? @base
            : null;
    }

    [GeneratedRegex(@"^\|\s*`(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)`\s*\|(?<type>[^|]+)\|(?<labels>[^|]+)\|")]
    private static partial Regex Row();
}
