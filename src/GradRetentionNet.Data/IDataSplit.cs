using static TorchSharp.torch;

namespace GradRetentionNet.Data;

/// <summary>A train or test split held in memory, ready to be served as batches.</summary>
public interface IDataSplit : IDisposable
{
    /// <summary>Examples in the split (after any subsetting).</summary>
    long Count { get; }

    /// <summary>
    /// The split as batches on <paramref name="device"/>. With a <paramref name="shuffle"/>
    /// generator the order is a permutation drawn from it (the same generator state gives the
    /// same order); without one the stored order. The last batch may be smaller.
    /// </summary>
    IEnumerable<Batch> Batches(int batchSize, Device device, Generator? shuffle = null);
}
