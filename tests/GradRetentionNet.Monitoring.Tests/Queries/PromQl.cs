using System.Text;

namespace GradRetentionNet.Monitoring.Tests.Queries;

/// <summary>A label matcher of a series selector: <c>silo=~"$silo"</c>.</summary>
public sealed record LabelMatcher(string Label, string Operator, string Value);

/// <summary>
/// A series selector in a PromQL expression: its metric name (null when the selector names none,
/// as in <c>{__name__=~"grn_.*"}</c>) and its label matchers, <c>__name__</c> excluded.
/// </summary>
public sealed record Selector(string? Metric, IReadOnlyList<LabelMatcher> Matchers)
{
    /// <summary>The matchers on <paramref name="label"/>.</summary>
    public IEnumerable<LabelMatcher> On(string label) => Matchers.Where(m => m.Label == label);
}

/// <summary>
/// Finds the series selectors, and so the metric names, of a PromQL expression as Grafana and
/// Prometheus rule files write them. It reads tokens, not a full grammar: an identifier is a
/// metric name unless it calls a function (a <c>(</c> follows), is a keyword or aggregation
/// operator, or sits where only label names go (inside <c>{...}</c>, and the lists after
/// <c>by</c>, <c>without</c>, <c>on</c>, <c>ignoring</c>, <c>group_left</c>, <c>group_right</c>).
/// Strings, numbers, durations, ranges and subqueries (<c>[5m]</c>, <c>[$__rate_interval]</c>,
/// <c>[1h:5m]</c>), comments and Grafana variables (<c>$silo</c>, <c>${silo:regex}</c>) are
/// skipped. A malformed expression (unclosed string, bracket or brace) throws.
/// </summary>
public static class PromQl
{
    static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
        "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    /// <summary>Keywords that take a parenthesised list of label names.</summary>
    static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "atan2", "bool", "offset",
    };

    static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>Every series selector in <paramref name="expression"/>, in order.</summary>
    public static IReadOnlyList<Selector> Selectors(string expression)
    {
        var tokens = Lex(expression);
        var selectors = new List<Selector>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
            switch (token.Kind)
            {
                case TokenKind.Identifier when LabelListKeywords.Contains(token.Text):
                    if (next?.Kind == TokenKind.LeftParen) i = SkipGroup(tokens, i + 1, expression);
                    break;
                case TokenKind.Identifier when next?.Kind == TokenKind.LeftParen:
                case TokenKind.Identifier when Aggregations.Contains(token.Text) || Keywords.Contains(token.Text):
                case TokenKind.Identifier when IsNumberWord(token.Text):
                    break; // a function call, an aggregation, a keyword, Inf or NaN
                case TokenKind.Identifier when next?.Kind == TokenKind.Matchers:
                    selectors.Add(new Selector(token.Text, next.Matchers!.Where(m => m.Label != "__name__").ToList()));
                    i++;
                    break;
                case TokenKind.Identifier:
                    selectors.Add(new Selector(token.Text, []));
                    break;
                case TokenKind.Matchers:
                    selectors.Add(NamedByMatchers(token.Matchers!, token.QuotedName));
                    break;
            }
        }
        return selectors;
    }

    /// <summary>The distinct metric names <paramref name="expression"/> reads, in order of first use.</summary>
    public static IReadOnlyList<string> MetricNames(string expression) =>
        Selectors(expression).Select(s => s.Metric).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The histogram a series name belongs to when it ends in <c>_bucket</c>, <c>_sum</c> or
    /// <c>_count</c> (<c>grn_epoch_duration_seconds_bucket</c> → <c>grn_epoch_duration_seconds</c>);
    /// null otherwise. Whether the base really is a histogram is for the caller to know.
    /// </summary>
    public static string? HistogramBase(string name) =>
        HistogramSuffixes.FirstOrDefault(s => name.Length > s.Length && name.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? name[..^suffix.Length]
            : null;

    static Selector NamedByMatchers(IReadOnlyList<LabelMatcher> matchers, string? quotedName)
    {
        // {"metric.name", ...} (UTF-8 names) or {__name__="metric"}; a regex on __name__ names no single metric.
        var name = quotedName ?? matchers.FirstOrDefault(m => m.Label == "__name__" && m.Operator == "=")?.Value;
        return new Selector(name, matchers.Where(m => m.Label != "__name__").ToList());
    }

    static bool IsNumberWord(string text) =>
        text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("nan", StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>.</summary>
    static int SkipGroup(IReadOnlyList<Token> tokens, int open, string expression)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.LeftParen) depth++;
            else if (tokens[i].Kind == TokenKind.RightParen && --depth == 0) return i;
        }
        throw new FormatException($"unclosed '(' in PromQL: {expression}");
    }

    enum TokenKind { Identifier, LeftParen, RightParen, Matchers, Other }

    sealed record Token(TokenKind Kind, string Text, IReadOnlyList<LabelMatcher>? Matchers = null, string? QuotedName = null);

    static List<Token> Lex(string expression)
    {
        var tokens = new List<Token>();
        var at = 0;
        while (at < expression.Length)
        {
            var c = expression[at];
            if (char.IsWhiteSpace(c))
            {
                at++;
            }
            else if (c == '#')
            {
                while (at < expression.Length && expression[at] != '\n') at++;
            }
            else if (c is '"' or '\'' or '`')
            {
                ReadString(expression, ref at);
                tokens.Add(new Token(TokenKind.Other, "string"));
            }
            else if (c == '$')
            {
                SkipVariable(expression, ref at);
                tokens.Add(new Token(TokenKind.Other, "variable"));
            }
            else if (c == '[')
            {
                SkipBrackets(expression, ref at);
                tokens.Add(new Token(TokenKind.Other, "range"));
            }
            else if (c == '{')
            {
                var (matchers, quotedName) = ReadMatchers(expression, ref at);
                tokens.Add(new Token(TokenKind.Matchers, "{}", matchers, quotedName));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && at + 1 < expression.Length && char.IsAsciiDigit(expression[at + 1])))
            {
                ReadNumber(expression, ref at);
                tokens.Add(new Token(TokenKind.Other, "number"));
            }
            else if (IsNameStart(c))
            {
                var start = at;
                while (at < expression.Length && (IsNameStart(expression[at]) || char.IsAsciiDigit(expression[at]))) at++;
                tokens.Add(new Token(TokenKind.Identifier, expression[start..at]));
            }
            else
            {
                tokens.Add(new Token(c switch { '(' => TokenKind.LeftParen, ')' => TokenKind.RightParen, _ => TokenKind.Other }, c.ToString()));
                at++;
            }
        }
        return tokens;
    }

    static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    static bool IsLabelChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Reads a quoted string at <paramref name="at"/>; returns its value (escapes resolved where they matter: \" \' \\).</summary>
    static string ReadString(string expression, ref int at)
    {
        var quote = expression[at];
        var start = at++;
        var value = new StringBuilder();
        while (at < expression.Length && expression[at] != quote)
        {
            if (expression[at] == '\\' && quote != '`' && at + 1 < expression.Length)
            {
                var escaped = expression[at + 1];
                value.Append(escaped is '"' or '\'' or '\\' ? escaped.ToString() : "\\" + escaped);
                at += 2;
                continue;
            }
            value.Append(expression[at++]);
        }
        if (at >= expression.Length) throw new FormatException($"unclosed string starting at {start} in PromQL: {expression}");
        at++;
        return value.ToString();
    }

    /// <summary>Grafana variables: $name, ${name}, ${name:format}, $__rate_interval.</summary>
    static void SkipVariable(string expression, ref int at)
    {
        at++;
        if (at < expression.Length && expression[at] == '{')
        {
            var close = expression.IndexOf('}', at);
            if (close < 0) throw new FormatException($"unclosed '${{' in: {expression}");
            at = close + 1;
            return;
        }
        while (at < expression.Length && IsLabelChar(expression[at])) at++;
    }

    /// <summary>A range or subquery ([5m], [$__rate_interval], [1h:5m]) or a legacy Grafana [[variable]].</summary>
    static void SkipBrackets(string expression, ref int at)
    {
        var start = at;
        var depth = 0;
        for (; at < expression.Length; at++)
        {
            if (expression[at] == '[') depth++;
            else if (expression[at] == ']' && --depth == 0)
            {
                at++;
                return;
            }
        }
        throw new FormatException($"unclosed '[' at {start} in PromQL: {expression}");
    }

    /// <summary>Numbers and durations: 0.9, .5, 1e-3, 0x1F, 5m, 1h30m.</summary>
    static void ReadNumber(string expression, ref int at)
    {
        var start = at;
        while (at < expression.Length)
        {
            var c = expression[at];
            var exponentSign = c is '+' or '-' && at > start && expression[at - 1] is 'e' or 'E'
                && !expression.AsSpan(start, at - start).StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && expression.AsSpan(start, at - start - 1).IndexOfAnyExcept("0123456789.") < 0;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' || exponentSign) at++;
            else break;
        }
    }

    /// <summary>The label matchers of {...} at <paramref name="at"/>, and a quoted metric name standing alone in it.</summary>
    static (IReadOnlyList<LabelMatcher> Matchers, string? QuotedName) ReadMatchers(string expression, ref int at)
    {
        var start = at++;
        var matchers = new List<LabelMatcher>();
        string? quotedName = null;
        while (true)
        {
            SkipSpace(expression, ref at);
            if (at >= expression.Length) throw new FormatException($"unclosed '{{' at {start} in PromQL: {expression}");
            if (expression[at] == '}')
            {
                at++;
                return (matchers, quotedName);
            }
            string label;
            var quoted = expression[at] is '"' or '\'' or '`';
            if (quoted)
            {
                label = ReadString(expression, ref at);
            }
            else
            {
                var labelStart = at;
                while (at < expression.Length && IsLabelChar(expression[at])) at++;
                if (at == labelStart) throw new FormatException($"unexpected '{expression[at]}' at {at} in the label matchers of PromQL: {expression}");
                label = expression[labelStart..at];
            }
            SkipSpace(expression, ref at);
            if (quoted && at < expression.Length && expression[at] is ',' or '}')
            {
                quotedName = label; // {"metric.name"}: Prometheus 3's quoted metric name
            }
            else
            {
                var op = ReadOperator(expression, ref at);
                SkipSpace(expression, ref at);
                if (at >= expression.Length || expression[at] is not ('"' or '\'' or '`'))
                    throw new FormatException($"label {label}{op} needs a quoted value, at {at} in PromQL: {expression}");
                matchers.Add(new LabelMatcher(label, op, ReadString(expression, ref at)));
                SkipSpace(expression, ref at);
            }
            if (at < expression.Length && expression[at] == ',') at++;
        }
    }

    static string ReadOperator(string expression, ref int at)
    {
        foreach (var op in new[] { "=~", "!~", "!=", "=" })
        {
            if (string.CompareOrdinal(expression, at, op, 0, op.Length) == 0)
            {
                at += op.Length;
                return op;
            }
        }
        throw new FormatException($"expected a label matcher operator (=, !=, =~, !~) at {at} in PromQL: {expression}");
    }

    static void SkipSpace(string expression, ref int at)
    {
        while (at < expression.Length && char.IsWhiteSpace(expression[at])) at++;
    }
}
