namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>
/// The series selectors of a Grafana Prometheus template-variable query. Besides plain PromQL
/// (query_result(...)), Grafana has its own functions: label_values(selector, label) reads the
/// selector's series, label_values(label), label_names() and metrics(regex) read no series.
/// </summary>
public static class GrafanaVariableQuery
{
    public static IReadOnlyList<Selector> Selectors(string query)
    {
        var text = query.Trim();
        if (Call(text, "label_values") is { } labelValues)
        {
            var arguments = SplitArguments(labelValues);
            return arguments.Count switch
            {
                1 => [],
                2 => PromQl.Selectors(arguments[0]),
                _ => throw new FormatException($"label_values takes (label) or (selector, label): {query}"),
            };
        }
        if (Call(text, "query_result") is { } promQl) return PromQl.Selectors(promQl);
        if (Call(text, "label_names") is not null || Call(text, "metrics") is not null) return [];
        return PromQl.Selectors(text);
    }

    /// <summary>The argument text of <paramref name="function"/>(...) when <paramref name="text"/> is exactly that call.</summary>
    static string? Call(string text, string function)
    {
        if (!text.StartsWith(function, StringComparison.Ordinal)) return null;
        var rest = text[function.Length..].TrimStart();
        return rest.StartsWith('(') && rest.EndsWith(')') ? rest[1..^1] : null;
    }

    /// <summary>Splits at the commas outside parentheses, braces, brackets and strings.</summary>
    static List<string> SplitArguments(string arguments)
    {
        var parts = new List<string>();
        var depth = 0;
        char? quote = null;
        var start = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var c = arguments[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '"' or '\'' or '`': quote = c; break;
                case '(' or '{' or '[': depth++; break;
                case ')' or '}' or ']': depth--; break;
                case ',' when depth == 0:
                    parts.Add(arguments[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(arguments[start..].Trim());
        return parts;
    }
}
