using System.Security.Cryptography;
using GradRetentionNet.Data.Download;

namespace GradRetentionNet.Data.Tests.Download;

/// <summary>
/// A tiny stand-in for one official dataset: the files a mirror would serve (same names and formats as the official
/// ones, a few records each) and the layout prepare must produce from them.
/// </summary>
/// <param name="Name">The official dataset's name.</param>
/// <param name="Served">File name → bytes, served at <c>/{Name}/{file name}</c>.</param>
/// <param name="Layout">Path under the dataset folder → the bytes that must be there after prepare.</param>
internal sealed record TinyDataset(string Name, IReadOnlyDictionary<string, byte[]> Served, IReadOnlyDictionary<string, byte[]> Layout)
{
    /// <summary>The official source with each file's size and checksum (same algorithm) replaced by the tiny file's.</summary>
    public DatasetSource Source()
    {
        var official = SourceCatalog.Official.Get(Name);
        return official with
        {
            Files = official.Files.Select(f => f with
            {
                Size = Served[f.FileName].LongLength,
                Checksum = ChecksumOf(Served[f.FileName], f.Checksum.Algorithm),
            }).ToArray(),
        };
    }

    /// <summary>Serves every file at <c>/{Name}/{file name}</c>, the mirror layout.</summary>
    public void ServeOn(LocalHttpServer server)
    {
        foreach (var (fileName, content) in Served)
            server.Serve(PathOf(fileName), content);
    }

    /// <summary>The URL path of a served file.</summary>
    public string PathOf(string fileName) => $"/{Name}/{fileName}";

    public static Checksum ChecksumOf(byte[] content, ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Md5
        ? Checksum.Md5(Convert.ToHexString(MD5.HashData(content)))
        : Checksum.Sha256(Convert.ToHexString(SHA256.HashData(content)));
}
