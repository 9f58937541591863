namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>Where a query lives in the dashboards or rule files.</summary>
public enum QueryKind
{
    /// <summary>A panel's target (what a panel draws).</summary>
    Panel,

    /// <summary>A template variable's query (what fills a drop-down).</summary>
    Variable,

    /// <summary>An alerting or recording rule's expr.</summary>
    Rule,
}

/// <summary>One query of a dashboard or rule file, with its series selectors.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Owner">The panel, variable or rule it belongs to, as a person would name it.</param>
public sealed record PromQuery(QueryKind Kind, string File, string Owner, string Text, IReadOnlyList<Selector> Selectors)
{
    /// <summary>Where to look: <c>grafana/dashboards/fleet.json, panel "Slots busy"</c>.</summary>
    public string Where => $"{File}, {Owner}";

    public IEnumerable<string> MetricNames => Selectors.Select(s => s.Metric).OfType<string>().Distinct(StringComparer.Ordinal);
}
