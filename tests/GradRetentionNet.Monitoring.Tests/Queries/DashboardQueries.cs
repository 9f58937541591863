using System.Text.Json.Nodes;

namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>The PromQL of a Grafana dashboard JSON file: panel targets (rows' panels too) and query variables.</summary>
public static class DashboardQueries
{
    public static IReadOnlyList<PromQuery> Read(JsonNode dashboard, string file)
    {
        var queries = new List<PromQuery>();
        foreach (var panel in Panels(dashboard))
        {
            var owner = $"panel \"{panel["title"]?.GetValue<string>()}\"";
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if (target?["expr"]?.GetValue<string>() is not { } expr) continue;
                queries.Add(Query(QueryKind.Panel, file, $"{owner} target {target["refId"]?.GetValue<string>()}", expr, PromQl.Selectors));
            }
        }
        foreach (var variable in Variables(dashboard))
        {
            if (variable["type"]?.GetValue<string>() != "query") continue;
            var query = variable["query"] switch
            {
                JsonValue text => text.GetValue<string>(),
                JsonObject editor => editor["query"]?.GetValue<string>(),
                _ => null,
            };
            if (query is null) continue;
            queries.Add(Query(QueryKind.Variable, file, $"variable \"{variable["name"]?.GetValue<string>()}\"", query, GrafanaVariableQuery.Selectors));
        }
        return queries;
    }

    /// <summary>Every panel, the panels inside rows included.</summary>
    public static IEnumerable<JsonNode> Panels(JsonNode dashboard)
    {
        foreach (var panel in dashboard["panels"]?.AsArray().OfType<JsonNode>() ?? [])
        {
            yield return panel;
            foreach (var inner in panel["panels"]?.AsArray().OfType<JsonNode>() ?? []) yield return inner;
        }
    }

    public static IEnumerable<JsonNode> Variables(JsonNode dashboard) =>
        dashboard["templating"]?["list"]?.AsArray().OfType<JsonNode>() ?? [];

    static PromQuery Query(QueryKind kind, string file, string owner, string text, Func<string, IReadOnlyList<Selector>> parse)
    {
        try
        {
            return new PromQuery(kind, file, owner, text, parse(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{file}, {owner}: {e.Message}", e);
        }
    }
}
