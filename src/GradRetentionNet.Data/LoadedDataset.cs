namespace GradRetentionNet.Data;

/// <summary>
/// A dataset loaded by <see cref="DatasetCatalog.Load"/>: a <see cref="TensorDataset"/> (image
/// classification, segmentation) or a <see cref="TextDataset"/>. Disposing it frees its splits.
/// </summary>
public abstract class LoadedDataset(DatasetEntry entry, DatasetInfo info) : IDisposable
{
    /// <summary>The catalogue entry it was loaded from.</summary>
    public DatasetEntry Entry { get; } = entry;

    /// <summary>What was loaded, from where: goes into results.</summary>
    public DatasetInfo Info { get; } = info;

    /// <summary>Training examples (after subsetting, and without the validation examples).</summary>
    public abstract long TrainCount { get; }

    /// <summary>Test examples (after subsetting).</summary>
    public abstract long TestCount { get; }

    /// <summary>Validation examples carved out of the training split; 0 without a validation split.</summary>
    public abstract long ValidationCount { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
