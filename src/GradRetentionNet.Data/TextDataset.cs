using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data;

/// <summary>
/// A text classification dataset: raw train, test and optional validation texts. Encode each split
/// with the model's tokenizer (<see cref="TextSplit.Encode"/>) to get batches.
/// </summary>
public sealed class TextDataset(DatasetEntry entry, DatasetInfo info, TextSplit train, TextSplit test, TextSplit? validation = null)
    : LoadedDataset(entry, info)
{
    /// <summary>The training texts (without the validation texts, when there are any): the only ones a vocabulary may be built from.</summary>
    public TextSplit Train { get; } = train;

    /// <summary>The test texts.</summary>
    public TextSplit Test { get; } = test;

    /// <summary>The validation texts carved out of the training texts (<see cref="DataOptions.ValidationFraction"/>); null without them.</summary>
    public TextSplit? Validation { get; } = validation;

    public override long TrainCount => Train.Count;

    public override long TestCount => Test.Count;

    public override long ValidationCount => Validation?.Count ?? 0;
}
