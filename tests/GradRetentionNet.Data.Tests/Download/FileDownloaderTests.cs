using System.Text.RegularExpressions;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class FileDownloaderTests
{
    private static readonly DownloadOptions Fast = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        IdleTimeout = TimeSpan.FromSeconds(5),
        ProgressInterval = TimeSpan.Zero,
    };

    private static readonly byte[] Content = RandomBytes(200_000, seed: 7);

    private static readonly Checksum ContentSha256 = TinyDataset.ChecksumOf(Content, ChecksumAlgorithm.Sha256);

    [Fact]
    public async Task An_interrupted_transfer_resumes_with_a_range_request_and_is_byte_identical()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { CutFirstResponseAfter = 70_000 });
        var destination = folder.Combine("file.bin");

        var result = await new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        var requests = server.RequestsFor("/file.bin");
        requests.Should().HaveCount(2);
        requests[0].Range.Should().BeNull();
        var resumedFrom = RangeStart(requests[1].Range);
        resumedFrom.Should().BeInRange(1, 70_000, "the second request asks only for the bytes after those kept");
        File.ReadAllBytes(destination).Should().Equal(Content);
        result.Resumed.Should().BeTrue();
        result.BytesTransferred.Should().Be(Content.Length);
        File.Exists(destination + ".part").Should().BeFalse();
    }

    [Fact]
    public async Task A_server_that_ignores_range_makes_the_transfer_start_over_without_duplicating_bytes()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { CutFirstResponseAfter = 70_000, IgnoresRange = true });
        var destination = folder.Combine("file.bin");

        var result = await new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        var requests = server.RequestsFor("/file.bin");
        requests.Should().HaveCount(2);
        requests[1].Range.Should().NotBeNull("the downloader asked to continue; the server answered 200 with the whole file");
        File.ReadAllBytes(destination).Should().Equal(Content);
        result.Resumed.Should().BeFalse();
    }

    [Fact]
    public async Task A_part_file_left_by_an_earlier_run_is_continued_not_downloaded_again()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", Content);
        var destination = folder.Combine("file.bin");
        File.WriteAllBytes(destination + ".part", Content[..50_000]);

        var result = await new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        server.RequestsFor("/file.bin").Select(r => r.Range).Should().Equal("bytes=50000-");
        result.BytesTransferred.Should().Be(Content.Length - 50_000);
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    [Fact]
    public async Task Kept_bytes_that_fail_the_checksum_lead_to_one_clean_download()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", Content);
        var destination = folder.Combine("file.bin");
        File.WriteAllBytes(destination + ".part", RandomBytes(50_000, seed: 99));

        await new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        server.RequestsFor("/file.bin").Select(r => r.Range).Should().Equal("bytes=50000-", null);
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    [Fact]
    public async Task A_checksum_mismatch_fails_with_one_line_naming_url_expected_and_actual_and_leaves_nothing()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", Content);
        var destination = folder.Combine("file.bin");
        var expected = TinyDataset.ChecksumOf(RandomBytes(Content.Length, seed: 8), ChecksumAlgorithm.Sha256);

        var act = () => new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, expected));

        var failure = (await act.Should().ThrowAsync<DownloadFailedException>()).Which;
        failure.Message.Should().NotContain("\n")
            .And.Contain(url.ToString())
            .And.Contain($"expected {expected}")
            .And.Contain($"got {ContentSha256}");
        failure.Url.Should().Be(url);
        File.Exists(destination).Should().BeFalse();
        File.Exists(destination + ".part").Should().BeFalse();
        server.RequestsFor("/file.bin").Should().HaveCount(1, "a mismatch from a clean download is final");
    }

    [Fact]
    public async Task A_size_the_server_announces_differently_fails_before_the_body_is_stored()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", Content);
        var destination = folder.Combine("file.bin");

        var act = () => new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length + 1, ContentSha256));

        (await act.Should().ThrowAsync<DownloadFailedException>()).Which.Message.Should()
            .Be($"file.bin from {url}: expected {Content.Length + 1} bytes, server announces {Content.Length} bytes");
        File.Exists(destination).Should().BeFalse();
        File.Exists(destination + ".part").Should().BeFalse();
    }

    [Fact]
    public async Task Transient_server_errors_are_retried_and_the_download_completes()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { LeadingStatuses = [503, 502] });
        var destination = folder.Combine("file.bin");

        await new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        server.RequestsFor("/file.bin").Should().HaveCount(3);
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts_with_a_one_line_error()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { AlwaysStatus = 503 });

        var act = () => new FileDownloader(options: Fast with { MaxAttempts = 3 })
            .DownloadAsync(new DownloadRequest([url], folder.Combine("file.bin"), Content.Length, ContentSha256));

        (await act.Should().ThrowAsync<DownloadFailedException>()).Which.Message.Should()
            .Be($"GET {url}: 503 Service Unavailable (gave up after 3 attempts)");
        server.RequestsFor("/file.bin").Should().HaveCount(3);
    }

    [Fact]
    public async Task Not_found_is_not_retried()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = new Uri(server.BaseUri, "missing.bin");

        var act = () => new FileDownloader(options: Fast).DownloadAsync(new DownloadRequest([url], folder.Combine("missing.bin"), 10, ContentSha256));

        (await act.Should().ThrowAsync<DownloadFailedException>()).Which.Message.Should().Be($"GET {url}: 404 Not Found");
        server.Requests.Should().HaveCount(1);
        File.Exists(folder.Combine("missing.bin")).Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_source_falls_back_to_the_next_one()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var missing = new Uri(server.BaseUri, "gone/file.bin");
        var good = server.Serve("/mirror/file.bin", Content);

        var result = await new FileDownloader(options: Fast)
            .DownloadAsync(new DownloadRequest([missing, good], folder.Combine("file.bin"), Content.Length, ContentSha256));

        result.Source.Should().Be(good);
        File.ReadAllBytes(folder.Combine("file.bin")).Should().Equal(Content);
    }

    [Fact]
    public async Task A_stalled_transfer_is_abandoned_after_the_idle_timeout_and_resumed()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { CutFirstResponseAfter = 70_000, StallInsteadOfClosing = true });
        var destination = folder.Combine("file.bin");

        await new FileDownloader(options: Fast with { IdleTimeout = TimeSpan.FromMilliseconds(300) })
            .DownloadAsync(new DownloadRequest([url], destination, Content.Length, ContentSha256));

        var requests = server.RequestsFor("/file.bin");
        requests.Should().HaveCount(2);
        RangeStart(requests[1].Range).Should().Be(70_000);
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    [Fact]
    public async Task A_verified_file_already_in_place_costs_no_request_and_a_corrupt_one_is_replaced()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", Content);
        var destination = folder.Combine("file.bin");
        var request = new DownloadRequest([url], destination, Content.Length, ContentSha256);
        File.WriteAllBytes(destination, Content);

        var present = await new FileDownloader(options: Fast).DownloadAsync(request);

        present.AlreadyPresent.Should().BeTrue();
        server.Requests.Should().BeEmpty();

        var corrupt = (byte[])Content.Clone();
        corrupt[1234] ^= 0xFF;
        File.WriteAllBytes(destination, corrupt);
        var replaced = await new FileDownloader(options: Fast).DownloadAsync(request);

        replaced.AlreadyPresent.Should().BeFalse();
        server.Requests.Should().HaveCount(1);
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    [Fact]
    public async Task Progress_counts_up_to_the_total_then_reports_the_verification()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { CutFirstResponseAfter = 70_000 });
        var progress = new RecordingProgress<DownloadProgress>();

        await new FileDownloader(options: Fast)
            .DownloadAsync(new DownloadRequest([url], folder.Combine("file.bin"), Content.Length, ContentSha256), progress);

        var transfer = progress.Reports.Where(p => p.Phase == DownloadPhase.Transferring).ToArray();
        transfer.Should().NotBeEmpty().And.OnlyContain(p => p.FileName == "file.bin" && p.TotalBytes == Content.Length);
        transfer.Select(p => p.BytesDone).Should().BeInAscendingOrder("a resumed transfer continues from the kept bytes");
        transfer[^1].BytesDone.Should().Be(Content.Length);
        progress.Reports[^1].Should().Be(new DownloadProgress("file.bin", DownloadPhase.Verifying, Content.Length, Content.Length));
    }

    [Fact]
    public async Task Cancellation_keeps_the_part_file_for_the_next_call_and_leaves_no_final_file()
    {
        await using var server = new LocalHttpServer();
        using var folder = new TemporaryFolder();
        var url = server.Serve("/file.bin", new ServedFile(Content) { CutFirstResponseAfter = 70_000, StallInsteadOfClosing = true });
        var destination = folder.Combine("file.bin");
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<DownloadProgress>(p =>
        {
            if (p.BytesDone >= 70_000)
                cancellation.Cancel();
        });
        var request = new DownloadRequest([url], destination, Content.Length, ContentSha256);

        var act = () => new FileDownloader(options: Fast).DownloadAsync(request, progress, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        File.Exists(destination).Should().BeFalse();
        new FileInfo(destination + ".part").Length.Should().Be(70_000);

        await new FileDownloader(options: Fast).DownloadAsync(request);
        server.RequestsFor("/file.bin")[^1].Range.Should().Be("bytes=70000-");
        File.ReadAllBytes(destination).Should().Equal(Content);
    }

    private static long RangeStart(string? range)
    {
        range.Should().NotBeNull();
        var match = Regex.Match(range!, "^bytes=(\\d+)-$");
        match.Success.Should().BeTrue($"'{range}' is an open-ended byte range");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
