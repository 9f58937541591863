using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data;

/// <summary>An image classification or segmentation dataset: train, test and optional validation splits held as tensors.</summary>
public sealed class TensorDataset : LoadedDataset
{
    /// <summary>Takes ownership of the splits.</summary>
    public TensorDataset(DatasetEntry entry, DatasetInfo info, ImageSplitBase train, ImageSplitBase test, ImageSplitBase? validation = null) : base(entry, info)
    {
        RequireSameInputs(train, test, "test");
        if (validation is not null) RequireSameInputs(train, validation, "validation");
        Train = train;
        Test = test;
        Validation = validation;
    }

    /// <summary>The training split (without the validation examples, when there are any).</summary>
    public ImageSplitBase Train { get; }

    /// <summary>The test split (VOC: the validation list).</summary>
    public ImageSplitBase Test { get; }

    /// <summary>The validation split carved out of the training split (<see cref="DataOptions.ValidationFraction"/>); null without one.</summary>
    public ImageSplitBase? Validation { get; }

    /// <summary>Shape of one input, [C, H, W].</summary>
    public IReadOnlyList<int> InputShape => Train.InputShape;

    /// <summary>The normalisation every split applies.</summary>
    public ImageNormalization Normalization => Train.Normalization;

    public override long TrainCount => Train.Count;

    public override long TestCount => Test.Count;

    public override long ValidationCount => Validation?.Count ?? 0;

    static void RequireSameInputs(ImageSplitBase train, ImageSplitBase other, string name)
    {
        if (!train.InputShape.SequenceEqual(other.InputShape))
            throw new ArgumentException($"train inputs [{string.Join(", ", train.InputShape)}] and {name} inputs [{string.Join(", ", other.InputShape)}] differ");
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        Train.Dispose();
        Test.Dispose();
        Validation?.Dispose();
    }
}
