using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GradRetentionNet.Sweeps.Search;

/// <summary>
/// The seed of one optimizer's draws, from the spec's search seed and the optimizer's name. A
/// hash that is the same in every process and on every machine (string.GetHashCode is randomised
/// per process): the same spec must draw the same trials wherever it is expanded, or a
/// resubmitted sweep would not find its finished jobs.
/// </summary>
internal static class SamplerSeed
{
    /// <param name="purpose">Which sampler draws (random, quasi-random): each gets its own stream.</param>
    public static int Of(long searchSeed, string optimizer, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}/{searchSeed}/{optimizer}"));
        return BinaryPrimitives.ReadInt32LittleEndian(hash) & int.MaxValue;
    }
}
