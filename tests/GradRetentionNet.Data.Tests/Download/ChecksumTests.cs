using System.Text;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

public sealed class ChecksumTests
{
    [Theory]
    [InlineData(ChecksumAlgorithm.Md5, "md5:900150983cd24fb0d6963f7d28e17f72")]
    [InlineData(ChecksumAlgorithm.Sha256, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public async Task Computes_the_published_test_vectors_for_abc(ChecksumAlgorithm algorithm, string expected)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Combine("abc.txt");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("abc"));

        var checksum = await ChecksumComputer.ComputeAsync(path, algorithm, null, CancellationToken.None);

        checksum.ToString().Should().Be(expected);
    }

    [Fact]
    public void Hex_is_compared_case_insensitively()
    {
        Checksum.Md5("900150983CD24FB0D6963F7D28E17F72").Should().Be(Checksum.Md5("900150983cd24fb0d6963f7d28e17f72"));
        Checksum.Md5("900150983cd24fb0d6963f7d28e17f72").Should().NotBe(new Checksum(ChecksumAlgorithm.Sha256, new string('0', 64)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("900150983cd24fb0d6963f7d28e17f7g")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Malformed_md5_hex_is_refused(string hex) =>
        FluentActions.Invoking(() => Checksum.Md5(hex)).Should().Throw<ArgumentException>()
            .WithMessage($"invalid md5 checksum '{hex}': must be 32 hex digits");
}
