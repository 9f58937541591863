using GradRetentionNet.Data;

namespace GradRetentionNet.Training.Jobs;

/// <summary>The two splits a job trains and tests on, ready to batch.</summary>
public sealed record TrainingData(DatasetInfo Info, IDataSplit Train, IDataSplit Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
