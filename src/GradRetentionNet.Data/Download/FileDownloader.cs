namespace GradRetentionNet.Data.Download;

/// <summary>
/// Downloads one file to a final path, verified: resumable through a <c>.part</c> file and HTTP Range requests,
/// retried with exponential backoff on transient failures, checked against the published size and checksum, and
/// renamed into place only when the checks pass. A failure leaves nothing at the final path.
/// </summary>
public sealed class FileDownloader
{
    private readonly DownloadOptions _options;
    private readonly RangeTransfer _transfer;

    /// <summary>Creates a downloader; without <paramref name="httpClient"/> a shared client that never decompresses is used.</summary>
    public FileDownloader(HttpClient? httpClient = null, DownloadOptions? options = null)
    {
        _options = options ?? DownloadOptions.Default;
        _options.Validate();
        _transfer = new RangeTransfer(httpClient ?? DownloadHttpClient.Shared, _options);
    }

    /// <summary>
    /// Makes <see cref="DownloadRequest.DestinationPath"/> hold the verified file. A file already there that passes the
    /// checks is kept without any request; one that fails them is replaced. Sources are tried in order. Cancellation
    /// keeps the <c>.part</c> file so that the next call resumes.
    /// </summary>
    /// <exception cref="DownloadFailedException">No source produced a file that passes the checks (one-line message).</exception>
    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Urls.Count == 0)
            throw new ArgumentException($"download of {request.DestinationPath} has no URL");
        var destination = Path.GetFullPath(request.DestinationPath);
        var fileName = Path.GetFileName(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        if (File.Exists(destination))
        {
            if (await MismatchAsync(destination, request, fileName, sourceName: destination, progress, cancellationToken) is null)
                return new DownloadResult(destination, null, 0, AlreadyPresent: true, Resumed: false);
            // A file that fails its checks is not the dataset (a crash mid-copy, a manual edit): fetch it again.
            File.Delete(destination);
        }

        var failures = new List<DownloadFailedException>();
        foreach (var url in request.Urls)
        {
            try
            {
                return await DownloadFromAsync(url, request, destination, fileName, progress, cancellationToken);
            }
            catch (DownloadFailedException failure)
            {
                failures.Add(failure);
            }
        }
        throw failures.Count == 1
            ? failures[0]
            : new DownloadFailedException($"{fileName}: every source failed: {string.Join("; ", failures.Select(f => f.Message))}", null, failures[^1]);
    }

    private async Task<DownloadResult> DownloadFromAsync(Uri url, DownloadRequest request, string destination, string fileName,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var part = destination + ".part";
        var startedOver = false;
        while (true)
        {
            var (received, resumed) = await TransferWithRetriesAsync(url, part, fileName, request.ExpectedSize, progress, cancellationToken);
            var mismatch = await MismatchAsync(part, request, fileName, sourceName: url.ToString(), progress, cancellationToken);
            if (mismatch is null)
            {
                // Same folder, so the rename is atomic: readers see either no file or the verified one.
                File.Move(part, destination, overwrite: true);
                return new DownloadResult(destination, url, received, AlreadyPresent: false, resumed);
            }
            File.Delete(part);
            // Kept bytes may come from an older version of the file or a broken earlier run: one clean download decides.
            if (resumed && !startedOver)
            {
                startedOver = true;
                continue;
            }
            throw new DownloadFailedException(mismatch, url);
        }
    }

    private async Task<(long Received, bool Resumed)> TransferWithRetriesAsync(Uri url, string part, string fileName, long? expectedSize,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var throttle = new ProgressThrottle(_options.ProgressInterval);
        long received = 0;
        long lastDone = 0;
        long? lastTotal = expectedSize;
        void OnBytes(long done, long? total)
        {
            lastDone = done;
            lastTotal = total ?? expectedSize;
            if (progress is not null && throttle.ShouldReport(final: done == lastTotal))
                progress.Report(new DownloadProgress(fileName, DownloadPhase.Transferring, done, lastTotal));
        }

        for (var attempt = 1; ; attempt++)
        {
            var before = File.Exists(part) ? new FileInfo(part).Length : 0;
            try
            {
                var outcome = await _transfer.RunAsync(url, part, fileName, expectedSize, OnBytes, cancellationToken);
                received += outcome.BytesReceived;
                // The last report may have been throttled away: always end on the final count.
                var onDisk = new FileInfo(part).Length;
                if (progress is not null && (onDisk != lastDone || outcome.BytesReceived == 0))
                    progress.Report(new DownloadProgress(fileName, DownloadPhase.Transferring, onDisk, lastTotal ?? onDisk));
                return (received, outcome.Appended);
            }
            catch (TransientDownloadException e)
            {
                var after = File.Exists(part) ? new FileInfo(part).Length : 0;
                received += Math.Max(0, after - before);
                if (attempt >= _options.MaxAttempts)
                    throw new DownloadFailedException($"{e.Message} (gave up after {attempt} attempts)", url, e);
                await Task.Delay(Backoff(attempt, e.RetryAfter), cancellationToken);
            }
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _options.InitialBackoff * Math.Pow(2, attempt - 1);
        var wait = retryAfter is { } asked && asked > exponential ? asked : exponential;
        return wait > _options.MaxBackoff ? _options.MaxBackoff : wait;
    }

    /// <summary>Null when <paramref name="path"/> has the expected size and checksum, else the one-line reason.</summary>
    private async Task<string?> MismatchAsync(string path, DownloadRequest request, string fileName, string sourceName,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (request.ExpectedSize is { } expected && size != expected)
            return $"{fileName} from {sourceName}: expected {expected} bytes, got {size} bytes";

        var throttle = new ProgressThrottle(_options.ProgressInterval);
        void OnHashed(long done)
        {
            if (progress is not null && throttle.ShouldReport(final: done == size))
                progress.Report(new DownloadProgress(fileName, DownloadPhase.Verifying, done, size));
        }
        progress?.Report(new DownloadProgress(fileName, DownloadPhase.Verifying, 0, size));
        var actual = await ChecksumComputer.ComputeAsync(path, request.Checksum.Algorithm, OnHashed, cancellationToken);
        return actual == request.Checksum
            ? null
            : $"{fileName} from {sourceName}: expected {request.Checksum} ({size} bytes), got {actual}";
    }
}
