using System.Buffers;
using System.Security.Cryptography;

namespace GradRetentionNet.Data.Download;

/// <summary>Computes a file's checksum from what is on disk, reporting the bytes hashed so far.</summary>
internal static class ChecksumComputer
{
    private const int BufferSize = 1 << 20;

    public static async Task<Checksum> ComputeAsync(string path, ChecksumAlgorithm algorithm, Action<long>? bytesHashed, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(algorithm == ChecksumAlgorithm.Md5 ? HashAlgorithmName.MD5 : HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            long done = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                done += read;
                bytesHashed?.Invoke(done);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new Checksum(algorithm, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
