using GradRetentionNet.Data;

namespace GradRetentionNet.Training.Jobs;

/// <summary>Loads the data a job names, through the dataset catalogue, in the form the trainer takes.</summary>
public static class JobDataLoader
{
    /// <summary>The model a dataset uses when the spec names none.</summary>
    public static string DefaultModel(string dataset) => ModelCatalog.DefaultFor(DatasetCatalog.Find(dataset).Task);

    /// <summary>
    /// Loads <see cref="JobSpec.Dataset"/> with the spec's subset sizes. The subsets are drawn
    /// with a fixed seed, not the job's: jobs that differ only in seed see the same examples, so
    /// the spread over seeds measures the optimizer, not the sample.
    /// </summary>
    public static TrainingData Load(JobSpec spec, string? dataRoot = null)
    {
        var options = new DataOptions
        {
            DataRoot = dataRoot,
            MaxTrainSamples = ToCount(spec.MaxTrainSamples, "max-train-samples"),
            MaxTestSamples = ToCount(spec.MaxTestSamples, "max-test-samples"),
            DeviceResident = spec.DeviceResident,
        };
        var loaded = DatasetCatalog.Load(spec.Dataset, options);
        return loaded switch
        {
            TensorDataset images => new TrainingData(images.Info, images.Train, images.Test),
            _ => throw new ArgumentException($"dataset '{spec.Dataset}' is a {loaded.Entry.Task} dataset; no model for it is available yet"),
        };
    }

    static int? ToCount(long? value, string option) => value switch
    {
        null => null,
        > int.MaxValue => throw new ArgumentException($"invalid {option}: at most {int.MaxValue}"),
        _ => (int)value,
    };
}
