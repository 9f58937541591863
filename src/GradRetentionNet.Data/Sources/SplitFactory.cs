using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// Turns what the readers return into a loaded dataset, applying the options every source
/// shares: the seeded max_train/max_test subsets (the same <see cref="DataOptions.Seed"/> for
/// both splits), the validation carve out of the training subset (<see cref="TrainingRows"/>),
/// device residency, and the image size rule.
/// </summary>
internal static class SplitFactory
{
    public static TensorDataset Classification(DatasetEntry entry, string source, LabelledImages train, LabelledImages test,
        ImageNormalization normalization, DataOptions options)
    {
        if (options.ImageSize is { } size && (size != train.Height || size != train.Width))
            throw new ArgumentException($"{entry.Name} images are {train.Height}x{train.Width}; ImageSize ({size}) only resizes segmentation datasets");
        var rows = TrainingRows.Select(train.Count, i => train.Labels[i], options);
        return Build(entry, source,
            () => ImageSplit.From(train, normalization, options.DeviceResident, rows.Train),
            rows.Validation is { } validation ? () => ImageSplit.From(train, normalization, options.DeviceResident, validation) : null,
            () => ImageSplit.From(test, normalization, options.DeviceResident, SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed)));
    }

    public static TensorDataset Segmentation(DatasetEntry entry, string source, SegmentationImages train, SegmentationImages test,
        ImageNormalization normalization, DataOptions options)
    {
        // Strata are only worth computing (a pass over every mask) when a validation split is carved.
        var strata = options.ValidationFraction is null ? null : SegmentationStrata.DominantClasses(train, entry.Classes);
        var rows = TrainingRows.Select(train.Count, i => strata![i], options);
        return Build(entry, source,
            () => SegmentationSplit.From(train, normalization, options.DeviceResident, rows.Train),
            rows.Validation is { } validation ? () => SegmentationSplit.From(train, normalization, options.DeviceResident, validation) : null,
            () => SegmentationSplit.From(test, normalization, options.DeviceResident, SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed)));
    }

    public static TextDataset Text(DatasetEntry entry, string source, LabelledTexts train, LabelledTexts test, DataOptions options)
    {
        if (options.ImageSize is not null)
            throw new ArgumentException($"{entry.Name} is a text dataset; ImageSize only resizes segmentation datasets");
        var rows = TrainingRows.Select(train.Count, i => train.Labels[i], options);
        var testSubset = SeededSubset.Indices(test.Count, options.MaxTestSamples, options.Seed);
        TextSplit Take(LabelledTexts texts, long[]? indices) =>
            new(SeededSubset.Items(texts.Texts, indices), SeededSubset.Items(texts.Labels, indices), options.DeviceResident);
        return new TextDataset(entry, Info(entry, source), Take(train, rows.Train), Take(test, testSubset),
            rows.Validation is { } validation ? Take(train, validation) : null);
    }

    // Each split is made only once the one before it was, and all made are freed if one fails.
    static TensorDataset Build(DatasetEntry entry, string source, Func<ImageSplitBase> train, Func<ImageSplitBase>? validation, Func<ImageSplitBase> test)
    {
        var made = new List<ImageSplitBase>();
        try
        {
            var trainSplit = Made(train());
            var validationSplit = validation is null ? null : Made(validation());
            return new TensorDataset(entry, Info(entry, source), trainSplit, Made(test()), validationSplit);
        }
        catch
        {
            foreach (var split in made) split.Dispose();
            throw;
        }

        ImageSplitBase Made(ImageSplitBase split)
        {
            made.Add(split);
            return split;
        }
    }

    static DatasetInfo Info(DatasetEntry entry, string source) => new(entry.Name, entry.Family, entry.Task, entry.Classes, source);
}
