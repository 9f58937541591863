using System.Formats.Tar;
using System.Text;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class ArchiveExtractorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Extracts_folders_and_files_byte_for_byte(bool gzip)
    {
        using var folder = new TemporaryFolder();
        var archive = folder.Combine(gzip ? "a.tar.gz" : "a.tar");
        var nested = Encoding.UTF8.GetBytes("nested file\n");
        File.WriteAllBytes(archive, TinyFormats.Tar([("top/", null), ("top/inner/deep.txt", nested), ("./top/empty.bin", [])], gzip));
        var positions = new RecordingProgress<long>();

        var written = await ArchiveExtractor.ExtractTarAsync(archive, folder.Combine("out"), gzip, positions);

        File.ReadAllBytes(folder.Combine("out", "top", "inner", "deep.txt")).Should().Equal(nested);
        File.ReadAllBytes(folder.Combine("out", "top", "empty.bin")).Should().BeEmpty();
        written.Should().BeEquivalentTo(folder.Combine("out", "top", "inner", "deep.txt"), folder.Combine("out", "top", "empty.bin"));
        positions.Reports.Should().NotBeEmpty();
        positions.Reports[^1].Should().BeLessThanOrEqualTo(new FileInfo(archive).Length);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("folder/../../x")]
    [InlineData("/tmp/grn-absolute-x")]
    public async Task Refuses_an_entry_that_would_land_outside_the_target(string escape)
    {
        using var folder = new TemporaryFolder();
        // Unique, so that a file of that name from elsewhere cannot pass for an escaped entry.
        var entryName = $"{escape}-{Guid.NewGuid():N}";
        var archive = folder.Combine("evil.tar");
        File.WriteAllBytes(archive, TinyFormats.Tar([("fine.txt", [1]), (entryName, [2])], gzip: false));
        var target = folder.Combine("out");

        var act = () => ArchiveExtractor.ExtractTarAsync(archive, target, gzip: false);

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should()
            .Be($"evil.tar: entry '{entryName}' would be written outside {target}; refused");
        File.Exists(Path.GetFullPath(Path.Combine(target, entryName))).Should().BeFalse();
    }

    [Fact]
    public async Task Refuses_links()
    {
        using var folder = new TemporaryFolder();
        var archive = folder.Combine("link.tar");
        using (var stream = File.Create(archive))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "passwd") { LinkName = "/etc/passwd" });

        var act = () => ArchiveExtractor.ExtractTarAsync(archive, folder.Combine("out"), gzip: false);

        (await act.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should()
            .Be("link.tar: entry 'passwd' is a SymbolicLink; only regular files and folders are extracted");
        File.Exists(folder.Combine("out", "passwd")).Should().BeFalse();
    }
}
