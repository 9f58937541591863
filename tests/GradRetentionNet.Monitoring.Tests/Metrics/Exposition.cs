namespace GradRetentionNet.Monitoring.Tests.Metrics;

/// <summary>Reads the Prometheus text exposition format (what GET /metrics answers).</summary>
public static class Exposition
{
    /// <summary>
    /// The names of the samples in <paramref name="text"/>: a histogram shows as its
    /// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series, a counter under its <c>_total</c> name,
    /// as PromQL reads them. Comment lines (# HELP, # TYPE, # EOF) name no sample.
    /// </summary>
    public static IReadOnlySet<string> SampleNames(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var end = line.IndexOfAny(['{', ' ', '\t']);
            names.Add(end < 0 ? line : line[..end]);
        }
        return names;
    }
}
