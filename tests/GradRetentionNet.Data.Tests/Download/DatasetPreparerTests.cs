using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class DatasetPreparerTests
{
    private static readonly DownloadOptions Fast = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        IdleTimeout = TimeSpan.FromSeconds(5),
        ProgressInterval = TimeSpan.Zero,
    };

    [Theory]
    [InlineData("mnist")]
    [InlineData("cifar10")]
    [InlineData("voc2012")]
    [InlineData("imdb")]
    [InlineData("ag_news")]
    public async Task Prepare_produces_exactly_the_layout_the_readers_expect(string name)
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.ByName(name);
        tiny.ServeOn(server);
        var preparer = Preparer(server, tiny);

        var prepared = await preparer.PrepareAsync(name, root.Path);

        prepared.Should().Be(new PreparedDataset(name, root.Combine(name), AlreadyPrepared: false, tiny.Served.Values.Sum(b => (long)b.Length)));
        foreach (var (path, content) in tiny.Layout)
            File.ReadAllBytes(root.Combine(name, path)).Should().Equal(content, $"{path} must arrive byte for byte");
        var onDisk = Directory.EnumerateFiles(prepared.Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(prepared.Directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f is not ".prepared.json" and not ".prepare.lock");
        onDisk.Should().BeEquivalentTo(tiny.Layout.Keys, "archives, .part files and the staging folder are gone");
        preparer.IsPrepared(name, root.Path).Should().BeTrue();
    }

    [Fact]
    public async Task Prepared_parquet_files_read_back_with_their_rows()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.AgNews();
        tiny.ServeOn(server);

        await Preparer(server, tiny).PrepareAsync("ag_news", root.Path);

        (await TinyFormats.ReadTextParquetAsync(root.Combine("ag_news", "test.parquet")))
            .Should().Equal(("held-out sports item", 1L), ("held-out sci/tech item", 3L));
    }

    [Fact]
    public async Task A_second_prepare_of_a_completed_dataset_makes_no_request()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Cifar10();
        tiny.ServeOn(server);
        await Preparer(server, tiny).PrepareAsync("cifar10", root.Path);
        var requestsAfterFirst = server.Requests.Count;

        var again = await Preparer(server, tiny).PrepareAsync("cifar10", root.Path);

        again.AlreadyPrepared.Should().BeTrue();
        again.BytesDownloaded.Should().Be(0);
        server.Requests.Should().HaveCount(requestsAfterFirst);
    }

    [Fact]
    public async Task Files_already_verified_are_kept_and_only_the_missing_ones_are_fetched()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Mnist();
        tiny.ServeOn(server);
        Directory.CreateDirectory(root.Combine("mnist"));
        File.WriteAllBytes(root.Combine("mnist", "train-images-idx3-ubyte.gz"), tiny.Served["train-images-idx3-ubyte.gz"]);
        File.WriteAllBytes(root.Combine("mnist", "t10k-labels-idx1-ubyte.gz"), tiny.Served["t10k-labels-idx1-ubyte.gz"]);

        await Preparer(server, tiny).PrepareAsync("mnist", root.Path);

        server.Requests.Select(r => r.Path).Should().BeEquivalentTo("/mnist/train-labels-idx1-ubyte.gz", "/mnist/t10k-images-idx3-ubyte.gz");
    }

    [Fact]
    public async Task A_checksum_mismatch_fails_with_a_one_line_error_and_leaves_nothing_at_the_final_path()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Imdb();
        tiny.ServeOn(server);
        // Same size, one byte flipped: only the checksum can tell.
        var wrong = (byte[])tiny.Served["test.parquet"].Clone();
        wrong[wrong.Length / 2] ^= 0xFF;
        var url = server.Serve(tiny.PathOf("test.parquet"), wrong);
        var expected = tiny.Source().Files.Single(f => f.FileName == "test.parquet").Checksum;

        var act = () => Preparer(server, tiny).PrepareAsync("imdb", root.Path);

        var message = (await act.Should().ThrowAsync<DownloadFailedException>()).Which.Message;
        message.Should().Be($"test.parquet from {url}: expected {expected} ({wrong.Length} bytes), got {TinyDataset.ChecksumOf(wrong, ChecksumAlgorithm.Sha256)}");
        File.Exists(root.Combine("imdb", "test.parquet")).Should().BeFalse();
        File.Exists(root.Combine("imdb", "test.parquet.part")).Should().BeFalse();
        Preparer(server, tiny).IsPrepared("imdb", root.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Progress_goes_through_download_verification_and_extraction_and_reaches_the_totals()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Cifar10();
        tiny.ServeOn(server);
        var archiveSize = tiny.Served["cifar-10-binary.tar.gz"].LongLength;
        var progress = new RecordingProgress<PrepareProgress>();

        await Preparer(server, tiny).PrepareAsync("cifar10", root.Path, progress);

        var reports = progress.Reports;
        reports.Select(r => r.Stage).Distinct().Should().Equal(
            PrepareStage.Downloading, PrepareStage.Verifying, PrepareStage.Extracting, PrepareStage.Completed);
        reports.Should().OnlyContain(r => r.Dataset == "cifar10" && r.FileCount == 1 && r.DatasetBytesTotal == archiveSize);
        reports.Where(r => r.Stage == PrepareStage.Downloading).Last().Should().Match<PrepareProgress>(r =>
            r.CurrentFile == "cifar-10-binary.tar.gz" && r.BytesDone == archiveSize && r.BytesTotal == archiveSize && r.Fraction == 1);
        reports.Select(r => r.DatasetBytesDone).Should().BeInAscendingOrder();
        reports[^1].Stage.Should().Be(PrepareStage.Completed);
        reports[^1].DatasetFraction.Should().Be(1);
        reports[0].ToString().Should().StartWith("cifar10 [1/1] downloading cifar-10-binary.tar.gz 0.0/");
    }

    [Fact]
    public async Task Cancellation_leaves_no_final_file_and_the_next_prepare_resumes_the_transfer()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Voc2012();
        tiny.ServeOn(server);
        var archive = tiny.Served["VOCtrainval_11-May-2012.tar"];
        var half = archive.Length / 2;
        server.Serve(tiny.PathOf("VOCtrainval_11-May-2012.tar"), new ServedFile(archive) { CutFirstResponseAfter = half, StallInsteadOfClosing = true });
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<PrepareProgress>(p =>
        {
            if (p.Stage == PrepareStage.Downloading && p.BytesDone >= half)
                cancellation.Cancel();
        });

        var act = () => Preparer(server, tiny).PrepareAsync("voc2012", root.Path, progress, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        File.Exists(root.Combine("voc2012", "VOCtrainval_11-May-2012.tar")).Should().BeFalse();
        Directory.Exists(root.Combine("voc2012", "VOCdevkit")).Should().BeFalse();
        Preparer(server, tiny).IsPrepared("voc2012", root.Path).Should().BeFalse();

        await Preparer(server, tiny).PrepareAsync("voc2012", root.Path);

        server.Requests[^1].Range.Should().Be($"bytes={half}-");
        foreach (var (path, content) in tiny.Layout)
            File.ReadAllBytes(root.Combine("voc2012", path)).Should().Equal(content);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../../../x")]
    public async Task An_archive_entry_that_escapes_the_dataset_folder_is_refused(string escape)
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        // Unique, so that a file of that name from elsewhere cannot pass for an escaped entry.
        var entryName = $"{escape}-{Guid.NewGuid():N}";
        var evil = TinyFormats.Tar([("cifar-10-batches-bin/data_batch_1.bin", TinyFormats.CifarRecords(1, 1)), (entryName, [0x42])], gzip: true);
        var tiny = new TinyDataset("cifar10", new Dictionary<string, byte[]> { ["cifar-10-binary.tar.gz"] = evil }, new Dictionary<string, byte[]>());
        tiny.ServeOn(server);

        var act = () => Preparer(server, tiny).PrepareAsync("cifar10", root.Path);

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain($"entry '{entryName}'").And.Contain("refused");
        var staging = root.Combine("cifar10", ".extracting");
        File.Exists(Path.GetFullPath(Path.Combine(staging, entryName))).Should().BeFalse();
        Directory.Exists(staging).Should().BeFalse();
        Directory.Exists(root.Combine("cifar10", "cifar-10-batches-bin")).Should().BeFalse("a refused archive installs nothing");
        Preparer(server, tiny).IsPrepared("cifar10", root.Path).Should().BeFalse();
    }

    [Fact]
    public async Task An_archive_without_part_of_the_layout_is_not_marked_complete()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var incomplete = TinyFormats.Tar([("cifar-10-batches-bin/data_batch_1.bin", TinyFormats.CifarRecords(1, 1))], gzip: true);
        var tiny = new TinyDataset("cifar10", new Dictionary<string, byte[]> { ["cifar-10-binary.tar.gz"] = incomplete }, new Dictionary<string, byte[]>());
        tiny.ServeOn(server);

        var act = () => Preparer(server, tiny).PrepareAsync("cifar10", root.Path);

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Be(
            "cifar10: the downloaded files do not contain cifar-10-batches-bin/data_batch_2.bin, cifar-10-batches-bin/data_batch_3.bin, " +
            "cifar-10-batches-bin/data_batch_4.bin, cifar-10-batches-bin/data_batch_5.bin, cifar-10-batches-bin/test_batch.bin");
        File.Exists(root.Combine("cifar10", ".prepared.json")).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_dataset_is_refused_with_the_known_names_before_any_request()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();

        var act = () => new DatasetPreparer(mirror: server.BaseUri).PrepareAsync("svhn", root.Path);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should()
            .Be("unknown dataset 'svhn': known datasets are ag_news, cifar10, imdb, mnist, voc2012");
        server.Requests.Should().BeEmpty();
        DatasetPreparer.KnownDatasets.Should().Equal("ag_news", "cifar10", "imdb", "mnist", "voc2012");
    }

    [Fact]
    public async Task A_prepare_of_the_same_dataset_running_elsewhere_is_refused()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.Mnist();
        tiny.ServeOn(server);
        Directory.CreateDirectory(root.Combine("mnist"));
        using var elsewhere = PrepareLock.Acquire(root.Combine("mnist"), "mnist");

        var act = () => Preparer(server, tiny).PrepareAsync("mnist", root.Path);

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should().StartWith("another prepare of 'mnist' is running");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_mirror_comes_from_GRN_DATA_MIRROR_when_no_parameter_is_given()
    {
        await using var server = new LocalHttpServer();
        using var root = new TemporaryFolder();
        var tiny = TinyDatasets.AgNews();
        tiny.ServeOn(server);
        var before = Environment.GetEnvironmentVariable(DataLocations.MirrorVariable);
        Environment.SetEnvironmentVariable(DataLocations.MirrorVariable, server.BaseUri.ToString());
        try
        {
            var preparer = new DatasetPreparer(catalog: TinyDatasets.Catalog(tiny), downloadOptions: Fast);

            await preparer.PrepareAsync("ag_news", root.Path);

            preparer.Mirror.Should().Be(server.BaseUri);
            server.Requests.Select(r => r.Path).Should().BeEquivalentTo("/ag_news/train.parquet", "/ag_news/test.parquet");
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataLocations.MirrorVariable, before);
        }
    }

    private static DatasetPreparer Preparer(LocalHttpServer server, TinyDataset tiny) =>
        new(mirror: server.BaseUri, catalog: TinyDatasets.Catalog(tiny), downloadOptions: Fast);
}
