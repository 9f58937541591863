using GradRetentionNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>
/// A synthetic task with a known answer, for trainer tests: 1×28×28 noise images with a bright
/// 6×6 patch in one of four quadrants; the quadrant is the class.
/// </summary>
internal sealed class QuadrantImages(Tensor images, Tensor labels, int failAtBatch = -1) : IDataSplit
{
    public static readonly DatasetInfo Info = new("synthetic-quadrants", "synthetic", TaskKind.ImageClassification, 4, "generated in the test");

    public static QuadrantImages Create(int count, ulong seed, int failAtBatch = -1)
    {
        using var generator = new Generator(seed);
        var labels = torch.randint(0, 4, count, generator: generator);
        var images = torch.rand(count, 1, 28, 28, generator: generator) * 0.3f;
        var classes = labels.data<long>().ToArray();
        for (var i = 0; i < count; i++)
        {
            var (row, column) = ((int)(classes[i] / 2) * 14 + 4, (int)(classes[i] % 2) * 14 + 4);
            images[i, 0, TensorIndex.Slice(row, row + 6), TensorIndex.Slice(column, column + 6)] = torch.tensor(1.0f);
        }
        return new QuadrantImages(images.DetachFromDisposeScope(), labels.DetachFromDisposeScope(), failAtBatch);
    }

    public long Count => labels.shape[0];

    public IEnumerable<Batch> Batches(int batchSize, Device device, Generator? shuffle = null)
    {
        var order = shuffle is null ? torch.arange(Count) : torch.randperm(Count, generator: shuffle);
        for (long start = 0, index = 0; start < Count; start += batchSize, index++)
        {
            if (index == failAtBatch) throw new IOException("the disk went away (injected)");
            var take = order.narrow(0, start, Math.Min(batchSize, Count - start));
            yield return new Batch(images.index_select(0, take).to(device), labels.index_select(0, take).to(device));
        }
    }

    public void Dispose()
    {
        images.Dispose();
        labels.Dispose();
    }
}
