namespace GradRetentionNet.Data.Download;

/// <summary>Turns one file's download and extraction progress into dataset-level <see cref="PrepareProgress"/>.</summary>
internal sealed class PrepareProgressReporter(DatasetSource source, IProgress<PrepareProgress>? target, TimeSpan extractionInterval)
{
    // VOC's tar has ~17,000 entries: one report per entry would flood a progress bar.
    private ProgressThrottle _extraction = new(extractionInterval);
    private long _finishedBytes;
    private int _fileNumber;
    private SourceFile? _file;

    public void StartFile(SourceFile file, int fileNumber)
    {
        _file = file;
        _fileNumber = fileNumber;
        _extraction = new ProgressThrottle(extractionInterval);
    }

    /// <summary>The current file is downloaded and verified: its size counts as done from now on.</summary>
    public void FinishDownload() => _finishedBytes += _file?.Size ?? 0;

    /// <summary>Receives the downloader's reports; runs synchronously so the order of reports is kept.</summary>
    public IProgress<DownloadProgress> Download => new Relay<DownloadProgress>(p =>
    {
        var stage = p.Phase == DownloadPhase.Transferring ? PrepareStage.Downloading : PrepareStage.Verifying;
        var downloaded = p.Phase == DownloadPhase.Transferring ? p.BytesDone : _file?.Size ?? p.BytesDone;
        Report(stage, p.FileName, p.BytesDone, p.TotalBytes, _finishedBytes + downloaded);
    });

    /// <summary>Receives the archive position while the current file is extracted.</summary>
    public IProgress<long> Extraction => new Relay<long>(position =>
    {
        if (_extraction.ShouldReport(final: position == _file?.Size))
            Report(PrepareStage.Extracting, _file?.FileName ?? "", position, _file?.Size, _finishedBytes);
    });

    public void Completed() =>
        Report(PrepareStage.Completed, _file?.FileName ?? "", _file?.Size ?? 0, _file?.Size, source.DownloadSize);

    private void Report(PrepareStage stage, string fileName, long done, long? total, long datasetDone) =>
        target?.Report(new PrepareProgress(source.Name, stage, fileName, _fileNumber, source.Files.Count, done, total,
            datasetDone, source.DownloadSize));

    private sealed class Relay<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
