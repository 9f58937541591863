namespace GradRetentionNet.Training.Optimizers;

/// <summary>
/// Independent, reproducible random streams derived from one job seed, so that e.g. turning
/// noise off does not change the controller's exploration draws.
/// </summary>
public static class SeedStreams
{
    public const ulong Controller = 0x436F6E74726F6C6CUL; // "Controll"
    public const ulong Noise = 0x4E6F697365537464UL;      // "NoiseStd"
    public const ulong BayesianInit = 0x4261796573496E69UL; // "BayesIni"

    /// <summary>A 63-bit seed for <paramref name="stream"/>, mixed from <paramref name="seed"/> with SplitMix64's finaliser.</summary>
    public static long Derive(long seed, ulong stream)
    {
        var z = unchecked((ulong)seed + stream * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (long)(z >> 1);
    }
}
