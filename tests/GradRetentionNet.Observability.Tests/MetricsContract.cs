namespace GradRetentionNet.Observability.Tests;

/// <summary>One row of grafana/README.md's table: a metric as Prometheus must see it.</summary>
internal sealed record ContractMetric(string Name, string Type, IReadOnlyList<string> Labels)
{
    /// <summary>The names a scrape shows for it (a histogram as _bucket, _sum and _count).</summary>
    public IEnumerable<string> SeriesNames => Type == "histogram" ? [Name + "_bucket", Name + "_sum", Name + "_count"] : [Name];

    public bool IsGpu => Name.StartsWith("grn_gpu_", StringComparison.Ordinal);
}

/// <summary>
/// Reads the contract of metric names, types and labels from grafana/README.md itself, so the
/// tests follow it rather than a copy of it.
/// </summary>
internal static class MetricsContract
{
    public static IReadOnlyList<ContractMetric> Read()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "grafana", "README.md"))) folder = folder.Parent;
        if (folder is null) throw new FileNotFoundException("grafana/README.md not found above " + AppContext.BaseDirectory);

        var metrics = new List<ContractMetric>();
        foreach (var line in File.ReadLines(Path.Combine(folder.FullName, "grafana", "README.md")).Where(l => l.StartsWith("| `grn_", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var labels = cells[3] == "same" ? metrics[^1].Labels : cells[3].Split(',').Select(l => l.Trim()).ToArray();
            metrics.Add(new ContractMetric(cells[1].Trim('`'), cells[2], labels));
        }
        return metrics.Count > 20 ? metrics : throw new InvalidDataException($"only {metrics.Count} metrics read from grafana/README.md");
    }
}
