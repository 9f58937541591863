using GradRetentionNet.Monitoring.Tests.Queries;

namespace GradRetentionNet.Monitoring.Tests.Metrics;

/// <summary>A metric name a query uses that the exporter did not export, and every place that uses it.</summary>
public sealed record MissingMetric(string Name, IReadOnlyList<string> UsedBy);

/// <summary>Checks the metric names that dashboards and alert rules use against the names an exporter exports.</summary>
public static class MetricCoverage
{
    /// <summary>Series Prometheus makes itself for every target: never exported by a silo.</summary>
    public static readonly IReadOnlySet<string> MadeByPrometheus = new HashSet<string>(StringComparer.Ordinal) { "up" };

    /// <summary>
    /// The names used by <paramref name="queries"/> that are neither in <paramref name="exported"/>
    /// nor made by Prometheus nor accepted by <paramref name="excused"/>, in name order.
    /// </summary>
    public static IReadOnlyList<MissingMetric> Missing(IEnumerable<PromQuery> queries, IReadOnlySet<string> exported, Func<string, bool>? excused = null) =>
        queries
            .SelectMany(q => q.MetricNames.Select(name => (Name: name, q.Where)))
            .Where(use => !exported.Contains(use.Name) && !MadeByPrometheus.Contains(use.Name) && excused?.Invoke(use.Name) != true)
            .GroupBy(use => use.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MissingMetric(g.Key, g.Select(use => use.Where).Distinct().ToList()))
            .ToList();

    /// <summary>One line per missing name, with where it is used.</summary>
    public static string Report(IReadOnlyList<MissingMetric> missing) =>
        string.Join('\n', missing.Select(m => $"  {m.Name}   used by: {string.Join("; ", m.UsedBy)}"));
}
