using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data;

/// <summary>An image classification or segmentation dataset: train and test splits held as tensors.</summary>
public sealed class TensorDataset : LoadedDataset
{
    /// <summary>Takes ownership of both splits.</summary>
    public TensorDataset(DatasetEntry entry, DatasetInfo info, ImageSplitBase train, ImageSplitBase test) : base(entry, info)
    {
        if (!train.InputShape.SequenceEqual(test.InputShape))
            throw new ArgumentException($"train inputs [{string.Join(", ", train.InputShape)}] and test inputs [{string.Join(", ", test.InputShape)}] differ");
        Train = train;
        Test = test;
    }

    /// <summary>The training split.</summary>
    public ImageSplitBase Train { get; }

    /// <summary>The test split (VOC: the validation list).</summary>
    public ImageSplitBase Test { get; }

    /// <summary>Shape of one input, [C, H, W].</summary>
    public IReadOnlyList<int> InputShape => Train.InputShape;

    /// <summary>The normalisation both splits apply.</summary>
    public ImageNormalization Normalization => Train.Normalization;

    public override long TrainCount => Train.Count;

    public override long TestCount => Test.Count;

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        Train.Dispose();
        Test.Dispose();
    }
}
