using System.Security.Cryptography;
using static TorchSharp.torch;

namespace GradRetentionNet.Data.Tests.Support;

/// <summary>
/// One fingerprint per stored example (a hash of its bytes), so tests can tell which examples two
/// splits hold without knowing where they came from.
/// </summary>
public static class ExampleKeys
{
    /// <summary>The fingerprint of each row of <paramref name="rows"/> (uint8, examples along dimension 0), sorted.</summary>
    public static List<string> Of(Tensor rows)
    {
        var bytes = rows.contiguous().data<byte>().ToArray();
        var size = bytes.Length / (int)rows.shape[0];
        return [.. Enumerable.Range(0, (int)rows.shape[0])
            .Select(i => Convert.ToHexString(SHA256.HashData(bytes.AsSpan(i * size, size))))
            .Order(StringComparer.Ordinal)];
    }
}
