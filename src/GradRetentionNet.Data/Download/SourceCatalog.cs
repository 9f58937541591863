namespace GradRetentionNet.Data.Download;

/// <summary>The datasets the preparer knows, by name (case-insensitive).</summary>
public sealed class SourceCatalog
{
    private readonly Dictionary<string, DatasetSource> _sources;

    /// <summary>A catalog of <paramref name="sources"/>; names must be unique.</summary>
    public SourceCatalog(IEnumerable<DatasetSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = new Dictionary<string, DatasetSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            if (!_sources.TryAdd(source.Name, source))
                throw new ArgumentException($"dataset '{source.Name}' appears twice in the catalog");
        }
    }

    /// <summary>The official sources: mnist, cifar10, voc2012, imdb, ag_news.</summary>
    public static SourceCatalog Official { get; } = new(OfficialSources.All);

    /// <summary>Known dataset names, sorted.</summary>
    public IReadOnlyList<string> Names => _sources.Values.Select(s => s.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The source called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public DatasetSource Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _sources.TryGetValue(name, out var source)
            ? source
            : throw new ArgumentException($"unknown dataset '{name}': known datasets are {string.Join(", ", Names)}");
    }

    /// <summary>This catalog with <paramref name="source"/> replacing (or adding) the dataset of the same name.</summary>
    public SourceCatalog With(DatasetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SourceCatalog(_sources.Values.Where(s => !string.Equals(s.Name, source.Name, StringComparison.OrdinalIgnoreCase)).Append(source));
    }
}
