using System.Text.RegularExpressions;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class OfficialSourcesTests
{
    [Fact]
    public void Every_dataset_produces_the_layout_the_readers_open()
    {
        var catalog = SourceCatalog.Official;
        catalog.Names.Should().Equal("ag_news", "cifar10", "imdb", "mnist", "voc2012");
        catalog.Get("mnist").ExpectedPaths.Should().Equal(
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        catalog.Get("cifar10").ExpectedPaths.Should().Equal(
            Enumerable.Range(1, 5).Select(i => $"cifar-10-batches-bin/data_batch_{i}.bin").Append("cifar-10-batches-bin/test_batch.bin"));
        catalog.Get("voc2012").ExpectedPaths.Should().OnlyContain(p => p.StartsWith("VOCdevkit/VOC2012/", StringComparison.Ordinal));
        catalog.Get("imdb").ExpectedPaths.Should().Equal("train.parquet", "test.parquet");
        catalog.Get("ag_news").ExpectedPaths.Should().Equal("train.parquet", "test.parquet");
    }

    [Fact]
    public void Archives_are_extracted_and_everything_else_is_kept_as_published()
    {
        var kinds = SourceCatalog.Official.Names
            .SelectMany(n => SourceCatalog.Official.Get(n).Files.Select(f => (Key: $"{n}/{f.FileName}", f.Kind)))
            .ToDictionary(f => f.Key, f => f.Kind);
        kinds.Should().Contain("cifar10/cifar-10-binary.tar.gz", SourceFileKind.TarGzip)
            .And.Contain("voc2012/VOCtrainval_11-May-2012.tar", SourceFileKind.Tar)
            .And.HaveCount(10);
        kinds.Where(k => !k.Key.Contains(".tar", StringComparison.Ordinal)).Should().OnlyContain(k => k.Value == SourceFileKind.Keep);
    }

    [Fact]
    public void Hugging_Face_files_are_pinned_to_a_commit_and_checked_with_sha256()
    {
        foreach (var name in new[] { "imdb", "ag_news" })
        {
            SourceCatalog.Official.Get(name).Files.Should().OnlyContain(f =>
                f.Checksum.Algorithm == ChecksumAlgorithm.Sha256
                && f.Urls.Count == 1
                && Regex.IsMatch(f.Urls[0].AbsoluteUri, "^https://huggingface\\.co/datasets/[^/]+/[^/]+/resolve/[0-9a-f]{40}/.+\\.parquet$"));
        }
    }

    [Fact]
    public void A_mirror_serves_each_file_at_dataset_slash_file_name_and_nothing_else()
    {
        var mirrored = SourceCatalog.Official.Get("mnist").WithMirror(new Uri("http://mirror.example/data"));

        mirrored.Files[0].Urls.Should().Equal(new Uri("http://mirror.example/data/mnist/train-images-idx3-ubyte.gz"));
        mirrored.Files.Select(f => f.Checksum).Should().Equal(SourceCatalog.Official.Get("mnist").Files.Select(f => f.Checksum),
            "a mirror must serve the official bytes");
    }
}
