namespace GradRetentionNet.Data.Download;

/// <summary>A digest of a file's bytes: an algorithm and lowercase hex. Written as <c>md5:…</c> or <c>sha256:…</c>.</summary>
public sealed record Checksum
{
    /// <summary>Validates <paramref name="hex"/> (32 hex digits for MD5, 64 for SHA-256; any case) and stores it lowercase.</summary>
    public Checksum(ChecksumAlgorithm algorithm, string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = algorithm switch
        {
            ChecksumAlgorithm.Md5 => 32,
            ChecksumAlgorithm.Sha256 => 64,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown checksum algorithm"),
        };
        var normalised = hex.Trim().ToLowerInvariant();
        if (normalised.Length != digits || !normalised.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"invalid {NameOf(algorithm)} checksum '{hex}': must be {digits} hex digits");
        Algorithm = algorithm;
        Hex = normalised;
    }

    /// <summary>Which digest this is.</summary>
    public ChecksumAlgorithm Algorithm { get; }

    /// <summary>The digest as lowercase hex.</summary>
    public string Hex { get; }

    /// <summary>An MD5 checksum from its hex digits.</summary>
    public static Checksum Md5(string hex) => new(ChecksumAlgorithm.Md5, hex);

    /// <summary>A SHA-256 checksum from its hex digits.</summary>
    public static Checksum Sha256(string hex) => new(ChecksumAlgorithm.Sha256, hex);

    /// <summary><c>md5:&lt;hex&gt;</c> or <c>sha256:&lt;hex&gt;</c>, the form used in error messages and the completion marker.</summary>
    public override string ToString() => $"{NameOf(Algorithm)}:{Hex}";

    internal static string NameOf(ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Md5 ? "md5" : "sha256";
}
