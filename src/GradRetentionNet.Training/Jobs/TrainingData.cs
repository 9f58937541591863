using GradRetentionNet.Data;

namespace GradRetentionNet.Training.Jobs;

/// <summary>The two splits a job trains and tests on, ready to batch; text data carries the encoder that tokenised it.</summary>
public sealed record TrainingData(DatasetInfo Info, IDataSplit Train, IDataSplit Test, ITextEncoder? Encoder = null) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
