using GradRetentionNet.Data;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// The splits a job trains, tests and (with a validation fraction) validates on, ready to batch;
/// text data carries the encoder that tokenised them.
/// </summary>
/// <param name="Validation">The validation split carved out of the training split; null without one.</param>
public sealed record TrainingData(DatasetInfo Info, IDataSplit Train, IDataSplit Test, ITextEncoder? Encoder = null, IDataSplit? Validation = null)
    : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
        Validation?.Dispose();
    }
}
