using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Training.Text;

namespace GradRetentionNet.Training.Jobs;

/// <summary>Loads the data a job names, through the dataset catalogue, in the form the trainer takes.</summary>
public static class JobDataLoader
{
    /// <summary>The model a dataset uses when the spec names none.</summary>
    public static string DefaultModel(string dataset) => ModelCatalog.DefaultFor(DatasetCatalog.Find(dataset).Task);

    /// <summary>
    /// Loads <see cref="JobSpec.Dataset"/> with the spec's subset sizes and validation fraction. The
    /// subsets and the validation carve are drawn with a fixed seed, not the job's: jobs that differ
    /// only in seed or optimizer see the same examples, so the spread over seeds measures the
    /// optimizer, not the sample.
    /// </summary>
    public static TrainingData Load(JobSpec spec, string? dataRoot = null)
    {
        var options = new DataOptions
        {
            DataRoot = dataRoot,
            MaxTrainSamples = ToCount(spec.MaxTrainSamples, "max-train-samples"),
            MaxTestSamples = ToCount(spec.MaxTestSamples, "max-test-samples"),
            DeviceResident = spec.DeviceResident,
            ValidationFraction = spec.ValidationFraction,
        };
        var loaded = DatasetCatalog.Load(spec.Dataset, options);
        switch (loaded)
        {
            case TensorDataset images:
                return new TrainingData(images.Info, images.Train, images.Test, Validation: images.Validation);
            case TextDataset texts:
                using (texts)
                {
                    var encoder = TextEncoder(spec, texts);
                    return EncodeAll(texts, encoder);
                }
            default:
                loaded.Dispose();
                throw new ArgumentException($"dataset '{spec.Dataset}' has no loader for {loaded.Entry.Task} data");
        }
    }

    /// <summary>Tokens per text, [CLS] and [SEP] included: the original's 128.</summary>
    public const int MaxTokens = 128;

    // Frees what was encoded already if a later split fails to encode.
    static TrainingData EncodeAll(TextDataset texts, ITextEncoder encoder)
    {
        var train = texts.Train.Encode(encoder, MaxTokens);
        IDataSplit? test = null;
        try
        {
            test = texts.Test.Encode(encoder, MaxTokens);
            return new TrainingData(texts.Info, train, test, encoder, texts.Validation?.Encode(encoder, MaxTokens));
        }
        catch
        {
            train.Dispose();
            test?.Dispose();
            throw;
        }
    }

    // A pretrained model brings its vocabulary; a model trained from scratch gets one built from
    // the texts it trains on (never the validation or test texts), unless its model directory has one.
    static ITextEncoder TextEncoder(JobSpec spec, TextDataset texts)
    {
        var vocabulary = spec.ModelDirectory is null ? null : Path.Combine(spec.ModelDirectory, ModelCatalog.VocabularyFile);
        if (vocabulary is not null && File.Exists(vocabulary)) return WordPieceEncoder.FromVocabulary(vocabulary);
        if (ModelCatalog.NeedsModelDirectory(spec.Model))
            throw new ArgumentException($"model '{spec.Model}' needs --model-dir: a folder with its {ModelCatalog.VocabularyFile} and {ModelCatalog.WeightsFile}");
        return WordPieceEncoder.FromTexts(texts.Train.Texts);
    }

    static int? ToCount(long? value, string option) => value switch
    {
        null => null,
        > int.MaxValue => throw new ArgumentException($"invalid {option}: at most {int.MaxValue}"),
        _ => (int)value,
    };
}
