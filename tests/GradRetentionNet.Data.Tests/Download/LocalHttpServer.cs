using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GradRetentionNet.Data.Tests.Download;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port (HttpListener), serving registered files with Range support and
/// scripted failures, and recording every request. Started by the constructor, stopped by DisposeAsync.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requestCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    public LocalHttpServer()
    {
        BaseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _acceptLoop = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public Uri Serve(string path, ServedFile file)
    {
        _files[path] = file;
        return new Uri(BaseUri, path.TrimStart('/'));
    }

    public Uri Serve(string path, byte[] content) => Serve(path, new ServedFile(content));

    public IReadOnlyList<RecordedRequest> RequestsFor(string path) => Requests.Where(r => r.Path == path).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was closed under the pending accept: that is how the loop ends.
        }
        _stopping.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var range = context.Request.Headers["Range"];
        _requests.Enqueue(new RecordedRequest(path, range));
        var index = _requestCounts.AddOrUpdate(path, 0, (_, n) => n + 1);
        var response = context.Response;
        try
        {
            if (!_files.TryGetValue(path, out var file))
            {
                Finish(response, 404);
                return;
            }
            if (file.AlwaysStatus is { } always)
            {
                Finish(response, always);
                return;
            }
            if (index < file.LeadingStatuses.Length)
            {
                Finish(response, file.LeadingStatuses[index]);
                return;
            }
            await SendAsync(response, file, file.IgnoresRange ? 0 : RangeStart(range), first: index == 0);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away (cancelled, timed out): nothing left to answer.
        }
    }

    private async Task SendAsync(HttpListenerResponse response, ServedFile file, long start, bool first)
    {
        var length = file.Content.LongLength;
        if (start >= length && start > 0)
        {
            response.Headers["Content-Range"] = $"bytes */{length}";
            Finish(response, 416);
            return;
        }
        if (start > 0)
        {
            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{length - 1}/{length}";
        }
        response.ContentLength64 = length - start;
        var body = response.OutputStream;

        if (first && file.CutFirstResponseAfter is { } sendOnly)
        {
            await body.WriteAsync(file.Content.AsMemory((int)start, (int)Math.Min(sendOnly, length - start)));
            await body.FlushAsync();
            if (file.StallInsteadOfClosing)
                await Task.Delay(Timeout.Infinite, _stopping.Token);
            // Let the client read what was sent before the connection goes.
            await Task.Delay(100);
            response.Abort();
            return;
        }
        await body.WriteAsync(file.Content.AsMemory((int)start));
        response.Close();
    }

    private static long RangeStart(string? range)
    {
        const string prefix = "bytes=";
        if (range is null || !range.StartsWith(prefix, StringComparison.Ordinal) || !range.EndsWith('-'))
            return 0;
        return long.Parse(range[prefix.Length..^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Finish(HttpListenerResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentLength64 = 0;
        response.Close();
    }
}
