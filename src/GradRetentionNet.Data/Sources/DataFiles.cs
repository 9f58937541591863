namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Where sources find their files, and the one-line errors when they are not there: downloaded
/// datasets point at <c>grn data prepare</c>, offline ones at <c>build/offline-data.sh</c>.
/// </summary>
internal static class DataFiles
{
    /// <summary>The script that sets up the offline sources.</summary>
    public const string OfflineScript = "build/offline-data.sh";

    /// <summary><paramref name="relative"/> under the data root; throws if it does not exist.</summary>
    public static string Downloaded(string dataset, DataOptions options, string relative) =>
        Require(Path.Combine(options.ResolveDataRoot(), relative), dataset, DownloadRemedy(dataset, options));

    /// <summary><paramref name="relative"/> under the offline data home; throws if it does not exist.</summary>
    public static string Offline(string dataset, DataOptions options, string relative) =>
        Require(Path.Combine(options.ResolveOfflineDataHome(), relative), dataset, OfflineRemedy(options));

    /// <summary><paramref name="relative"/> where <paramref name="entry"/>'s files live (data root or offline home); throws if it does not exist.</summary>
    public static string Find(DatasetEntry entry, DataOptions options, string relative) =>
        entry.NeedsDownload ? Downloaded(entry.Name, options, relative) : Offline(entry.Name, options, relative);

    /// <summary>How to get <paramref name="entry"/>'s files.</summary>
    public static string Remedy(DatasetEntry entry, DataOptions options) =>
        entry.NeedsDownload ? DownloadRemedy(entry.Name, options) : OfflineRemedy(options);

    /// <summary>
    /// An IDX file <paramref name="name"/> in <paramref name="folder"/>, raw or gzip-compressed
    /// (<c>name</c> or <c>name.gz</c>, the raw one first); throws if neither exists.
    /// </summary>
    public static string Idx(string folder, string name, string dataset, string remedy)
    {
        var raw = Path.Combine(folder, name);
        if (File.Exists(raw)) return raw;
        return Require(raw + ".gz", dataset, remedy, shownAs: raw + "[.gz]");
    }

    public static string DownloadRemedy(string dataset, DataOptions options) =>
        $"get it with `grn data prepare {dataset}` (data root {options.ResolveDataRoot()}; DataOptions.DataRoot or ${DataOptions.DataRootVariable} point elsewhere)";

    public static string OfflineRemedy(DataOptions options) =>
        $"run {OfflineScript} to set up the offline data (home {options.ResolveOfflineDataHome()}; DataOptions.OfflineDataHome or ${DataOptions.OfflineDataVariable} point elsewhere)";

    static string Require(string path, string dataset, string remedy, string? shownAs = null) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new DatasetNotAvailableException(dataset, shownAs ?? path, remedy);
}
