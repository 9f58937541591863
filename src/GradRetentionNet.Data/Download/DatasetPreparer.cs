namespace GradRetentionNet.Data.Download;

/// <summary>
/// Downloads, verifies and unpacks a real dataset into the layout the readers open:
/// <c>mnist/*.gz</c>, <c>cifar10/cifar-10-batches-bin/*.bin</c>, <c>voc2012/VOCdevkit/VOC2012/…</c>,
/// <c>imdb/{train,test}.parquet</c>, <c>ag_news/{train,test}.parquet</c>. A marker written last makes a finished
/// dataset cost no request at all; an interrupted one resumes where it stopped.
/// </summary>
public sealed class DatasetPreparer
{
    private const string StagingFolder = ".extracting";

    private readonly SourceCatalog _catalog;
    private readonly FileDownloader _downloader;
    private readonly DownloadOptions _options;

    /// <summary>
    /// Creates a preparer. <paramref name="mirror"/> (else <c>$GRN_DATA_MIRROR</c>) points every file at
    /// <c>{mirror}/{dataset}/{file}</c> instead of the official hosts; <paramref name="catalog"/> replaces the official
    /// sources (tests use it for tiny files with their own checksums).
    /// </summary>
    public DatasetPreparer(HttpClient? httpClient = null, Uri? mirror = null, SourceCatalog? catalog = null, DownloadOptions? downloadOptions = null)
    {
        _catalog = catalog ?? SourceCatalog.Official;
        Mirror = mirror ?? DataLocations.ResolveMirror();
        _options = downloadOptions ?? DownloadOptions.Default;
        _downloader = new FileDownloader(httpClient, _options);
    }

    /// <summary>Names of the official datasets: ag_news, cifar10, imdb, mnist, voc2012.</summary>
    public static IReadOnlyList<string> KnownDatasets => SourceCatalog.Official.Names;

    /// <summary>The mirror in use, or null for the official sources.</summary>
    public Uri? Mirror { get; }

    /// <summary>
    /// Makes <c>{dataRoot}/{dataset}</c> hold the complete dataset. Returns at once, without any request, when a
    /// previous prepare finished; otherwise downloads what is missing (keeping verified files, resuming partial
    /// ones), extracts archives and writes the completion marker last.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown dataset (the message lists the known ones) or empty data root.</exception>
    /// <exception cref="DownloadFailedException">A file could not be fetched or failed its size/checksum check.</exception>
    /// <exception cref="InvalidDataException">An archive holds an entry that escapes the folder, a link, or lacks part of the layout.</exception>
    public async Task<PreparedDataset> PrepareAsync(string dataset, string dataRoot, IProgress<PrepareProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var source = Resolve(dataset);
        if (string.IsNullOrWhiteSpace(dataRoot))
            throw new ArgumentException("data root must not be empty");
        var directory = Path.Combine(Path.GetFullPath(dataRoot), source.Name);
        if (PreparedMarker.IsCurrent(directory, source))
            return new PreparedDataset(source.Name, directory, AlreadyPrepared: true, BytesDownloaded: 0);

        Directory.CreateDirectory(directory);
        using var held = PrepareLock.Acquire(directory, source.Name);
        // Another process may have finished while this one waited for nothing but the lock.
        if (PreparedMarker.IsCurrent(directory, source))
            return new PreparedDataset(source.Name, directory, AlreadyPrepared: true, BytesDownloaded: 0);
        PreparedMarker.Delete(directory);

        var reporter = new PrepareProgressReporter(source, progress, _options.ProgressInterval);
        long downloaded = 0;
        for (var i = 0; i < source.Files.Count; i++)
        {
            var file = source.Files[i];
            reporter.StartFile(file, i + 1);
            var path = Path.Combine(directory, file.FileName);
            var result = await _downloader.DownloadAsync(new DownloadRequest(file.Urls, path, file.Size, file.Checksum),
                reporter.Download, cancellationToken);
            downloaded += result.BytesTransferred;
            reporter.FinishDownload();
            if (file.Kind != SourceFileKind.Keep)
                await ExtractAsync(path, directory, file.Kind == SourceFileKind.TarGzip, reporter.Extraction, cancellationToken);
        }

        var missing = source.ExpectedPaths.Where(p => !PreparedMarker.Exists(directory, p)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{source.Name}: the downloaded files do not contain {string.Join(", ", missing)}");
        PreparedMarker.Write(directory, source);
        reporter.Completed();
        return new PreparedDataset(source.Name, directory, AlreadyPrepared: false, downloaded);
    }

    /// <summary>True when <c>{dataRoot}/{dataset}</c> is complete for the current sources (no request is made).</summary>
    public bool IsPrepared(string dataset, string dataRoot)
    {
        var source = Resolve(dataset);
        return PreparedMarker.IsCurrent(Path.Combine(Path.GetFullPath(dataRoot), source.Name), source);
    }

    private DatasetSource Resolve(string dataset)
    {
        if (string.IsNullOrWhiteSpace(dataset))
            throw new ArgumentException($"dataset name must not be empty: known datasets are {string.Join(", ", _catalog.Names)}");
        var source = _catalog.Get(dataset);
        return Mirror is null ? source : source.WithMirror(Mirror);
    }

    /// <summary>
    /// Unpacks into a staging folder, then moves each top-level entry into place, so an interrupted or refused
    /// extraction never leaves half a layout next to the marker. The verified archive is deleted only at the end;
    /// if extraction fails it stays, and the next prepare reuses it without downloading.
    /// </summary>
    private static async Task ExtractAsync(string archive, string directory, bool gzip, IProgress<long> progress, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(directory, StagingFolder);
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        try
        {
            await ArchiveExtractor.ExtractTarAsync(archive, staging, gzip, progress, cancellationToken);
            foreach (var entry in new DirectoryInfo(staging).EnumerateFileSystemInfos())
            {
                var target = Path.Combine(directory, entry.Name);
                if (Directory.Exists(target))
                    Directory.Delete(target, recursive: true);
                else if (File.Exists(target))
                    File.Delete(target);
                if (entry is DirectoryInfo folder)
                    folder.MoveTo(target);
                else
                    ((FileInfo)entry).MoveTo(target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
        File.Delete(archive);
    }
}
