using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class FortuneFileReaderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-fortune-").FullName;

    [Fact]
    public void Splits_entries_at_lines_holding_a_single_percent_sign()
    {
        var path = Path.Combine(folder, "topic");
        File.WriteAllText(path, "First saying,\n\tover two lines.\n%\nSecond: 100% sure.\n%\n%\n  Third  \n");
        FortuneFileReader.Read(path).Should().Equal("First saying,\n\tover two lines.", "Second: 100% sure.", "Third");
    }

    [Fact]
    public void A_file_without_entries_is_an_error_naming_it()
    {
        var path = Path.Combine(folder, "empty");
        File.WriteAllText(path, "%\n\n%\n");
        var read = () => FortuneFileReader.Read(path);
        read.Should().Throw<InvalidDataException>().WithMessage($"*{path}*no entry*");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
