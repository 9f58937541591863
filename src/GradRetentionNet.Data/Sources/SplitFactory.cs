using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Turns what the readers return into a loaded dataset, applying the options every source
/// shares: the seeded max_train/max_test subsets (the same <see cref="DataOptions.Seed"/> for
/// both splits), device residency, and the image size rule.
/// </summary>
internal static class SplitFactory
{
    public static TensorDataset Classification(DatasetEntry entry, string source, LabelledImages train, LabelledImages test,
        ImageNormalization normalization, DataOptions options)
    {
        if (options.ImageSize is { } size && (size != train.Height || size != train.Width))
            throw new ArgumentException($"{entry.Name} images are {train.Height}x{train.Width}; ImageSize ({size}) only resizes segmentation datasets");
        return Build(entry, source,
            () => ImageSplit.From(train, normalization, options.DeviceResident, SeededSubset.Indices(train.Count, options.MaxTrainSamples, options.Seed)),
            () => ImageSplit.From(test, normalization, options.DeviceResident, SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed)));
    }

    public static TensorDataset Segmentation(DatasetEntry entry, string source, SegmentationImages train, SegmentationImages test,
        ImageNormalization normalization, DataOptions options) =>
        Build(entry, source,
            () => SegmentationSplit.From(train, normalization, options.DeviceResident, SeededSubset.Indices(train.Count, options.MaxTrainSamples, options.Seed)),
            () => SegmentationSplit.From(test, normalization, options.DeviceResident, SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed)));

    public static TextDataset Text(DatasetEntry entry, string source, LabelledTexts train, LabelledTexts test, DataOptions options)
    {
        if (options.ImageSize is not null)
            throw new ArgumentException($"{entry.Name} is a text dataset; ImageSize only resizes segmentation datasets");
        var trainSubset = SeededSubset.Indices(train.Count, options.MaxTrainSamples, options.Seed);
        var testSubset = SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed);
        return new TextDataset(entry, Info(entry, source),
            new TextSplit(SeededSubset.Items(train.Texts, trainSubset), SeededSubset.Items(train.Labels, trainSubset), options.DeviceResident),
            new TextSplit(SeededSubset.Items(test.Texts, testSubset), SeededSubset.Items(test.Labels, testSubset), options.DeviceResident));
    }

    static TensorDataset Build(DatasetEntry entry, string source, Func<ImageSplitBase> train, Func<ImageSplitBase> test)
    {
        var trainSplit = train();
        try
        {
            return new TensorDataset(entry, Info(entry, source), trainSplit, test());
        }
        catch
        {
            trainSplit.Dispose();
            throw;
        }
    }

    static DatasetInfo Info(DatasetEntry entry, string source) => new(entry.Name, entry.Family, entry.Task, entry.Classes, source);
}
