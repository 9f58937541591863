using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>
/// An MNIST-format dataset: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each raw or <c>.gz</c>, in one
/// folder of the data root (downloaded) or of the offline home.
/// </summary>
internal sealed class IdxSource(DatasetEntry entry, string folder, ImageNormalization normalization, string origin) : IDatasetSource
{
    public DatasetEntry Entry { get; } = entry;

    public LoadedDataset Load(DataOptions options)
    {
        var name = Entry.Name;
        var dir = DataFiles.Find(Entry, options, folder);
        var remedy = DataFiles.Remedy(Entry, options);
        var trainImages = DataFiles.Idx(dir, "train-images-idx3-ubyte", name, remedy);
        var trainLabels = DataFiles.Idx(dir, "train-labels-idx1-ubyte", name, remedy);
        var testImages = DataFiles.Idx(dir, "t10k-images-idx3-ubyte", name, remedy);
        var testLabels = DataFiles.Idx(dir, "t10k-labels-idx1-ubyte", name, remedy);
        var train = IdxReader.ReadLabelledImages(trainImages, trainLabels, Entry.Classes);
        var test = IdxReader.ReadLabelledImages(testImages, testLabels, Entry.Classes);
        return SplitFactory.Classification(Entry, $"{origin}: {dir}", train, test, normalization, options);
    }
}
