using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace GradRetentionNet.Data.Download;

/// <summary>
/// One HTTP attempt that brings a <c>.part</c> file up to date: it asks only for the missing bytes (Range), appends a
/// 206 answer, starts over on a 200 (a server that ignores Range) and classifies failures as transient or final.
/// </summary>
internal sealed class RangeTransfer(HttpClient http, DownloadOptions options)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Runs one attempt; <paramref name="onBytes"/> gets the bytes on disk and the total when known.</summary>
    /// <exception cref="TransientDownloadException">Worth retrying; the bytes received so far stay in the part file.</exception>
    /// <exception cref="DownloadFailedException">Not worth retrying from this URL.</exception>
    public async Task<TransferOutcome> RunAsync(Uri url, string partPath, string fileName, long? expectedSize, Action<long, long?> onBytes,
        CancellationToken cancellationToken)
    {
        var kept = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        if (expectedSize is { } size && kept > size)
        {
            // Longer than the file can be: not a prefix of it.
            File.Delete(partPath);
            kept = 0;
        }
        if (expectedSize is { } complete && kept == complete && kept > 0)
            return new TransferOutcome(0, Appended: true);

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (request.Headers.UserAgent.Count == 0 && http.DefaultRequestHeaders.UserAgent.Count == 0)
            request.Headers.UserAgent.ParseAdd(DownloadHttpClient.UserAgent);
        if (kept > 0)
            request.Headers.Range = new RangeHeaderValue(kept, null);

        idle.CancelAfter(options.IdleTimeout);
        using var response = await SendAsync(request, url, idle.Token, cancellationToken);
        var (start, total) = Interpret(response, url, partPath, kept);
        if (start < 0)
            return new TransferOutcome(0, Appended: true);
        if (expectedSize is { } expected && total is { } announced && announced != expected)
        {
            File.Delete(partPath);
            throw new DownloadFailedException(
                $"{fileName} from {url}: expected {expected} bytes, server announces {announced} bytes", url);
        }
        return await CopyBodyAsync(response, url, partPath, start, total ?? expectedSize, onBytes, idle, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationToken idleToken, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idleToken);
        }
        catch (HttpRequestException e)
        {
            throw new TransientDownloadException($"GET {url}: no response ({e.Message})", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"GET {url}: no response within {options.IdleTimeout.TotalSeconds:0.###} s", e);
        }
    }

    /// <summary>Where the body starts in the file and the file's total size; start −1 means nothing is left to fetch.</summary>
    private static (long Start, long? Total) Interpret(HttpResponseMessage response, Uri url, string partPath, long kept)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when kept > 0:
                var range = response.Content.Headers.ContentRange;
                if (range is null || range.From != kept)
                {
                    File.Delete(partPath);
                    throw new TransientDownloadException($"GET {url}: asked for bytes from {kept}, got a range from {range?.From?.ToString() ?? "?"}");
                }
                return (kept, range.Length);
            case HttpStatusCode.OK:
                // Either a fresh download or a server that ignores Range and sends the whole file again: start over
                // rather than append a second copy.
                return (0, response.Content.Headers.ContentLength);
            case HttpStatusCode.RequestedRangeNotSatisfiable when kept > 0:
                if (response.Content.Headers.ContentRange?.Length == kept)
                    return (-1, kept);
                File.Delete(partPath);
                throw new TransientDownloadException($"GET {url}: kept {kept} bytes but the server cannot continue from there; starting over");
            default:
                var code = (int)response.StatusCode;
                var text = $"GET {url}: {code} {response.ReasonPhrase}";
                if (code is 408 or 429 || code >= 500)
                    throw new TransientDownloadException(text, retryAfter: RetryAfter(response));
                throw new DownloadFailedException(text, url);
        }
    }

    private async Task<TransferOutcome> CopyBodyAsync(HttpResponseMessage response, Uri url, string partPath, long start, long? total,
        Action<long, long?> onBytes, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var done = start;
        try
        {
            await using var body = await ReadGuardedAsync(() => response.Content.ReadAsStreamAsync(idle.Token), url, done, cancellationToken);
            await using var file = new FileStream(partPath, start == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write, FileShare.None,
                BufferSize, FileOptions.Asynchronous);
            onBytes(done, total);
            while (true)
            {
                idle.CancelAfter(options.IdleTimeout);
                var read = await ReadGuardedAsync(() => body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token).AsTask(), url, done, cancellationToken);
                if (read == 0)
                    break;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                done += read;
                onBytes(done, total);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (total is { } length && done != length)
            throw new TransientDownloadException($"GET {url}: connection closed after {done} of {length} bytes");
        return new TransferOutcome(done - start, Appended: start > 0);
    }

    /// <summary>Network reads only: their failures are transient, unlike disk writes (a full disk is not retried).</summary>
    private async Task<T> ReadGuardedAsync<T>(Func<Task<T>> read, Uri url, long done, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new TransientDownloadException($"GET {url}: connection lost after {done} bytes ({e.Message})", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDownloadException($"GET {url}: no data for {options.IdleTimeout.TotalSeconds:0.###} s after {done} bytes", e);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date - DateTimeOffset.UtcNow;
        return null;
    }
}
