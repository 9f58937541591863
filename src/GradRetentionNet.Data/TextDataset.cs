using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data;

/// <summary>
/// A text classification dataset: raw train and test texts. Encode each split with the model's
/// tokenizer (<see cref="TextSplit.Encode"/>) to get batches.
/// </summary>
public sealed class TextDataset(DatasetEntry entry, DatasetInfo info, TextSplit train, TextSplit test) : LoadedDataset(entry, info)
{
    /// <summary>The training texts.</summary>
    public TextSplit Train { get; } = train;

    /// <summary>The test texts.</summary>
    public TextSplit Test { get; } = test;

    public override long TrainCount => Train.Count;

    public override long TestCount => Test.Count;
}
