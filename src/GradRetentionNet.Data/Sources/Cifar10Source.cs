using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Splits;

namespace GradRetentionNet.Data.Sources;

/// <summary>CIFAR-10 as downloaded: <c>cifar10/cifar-10-batches-bin/{data_batch_1..5,test_batch}.bin</c>.</summary>
internal sealed class Cifar10Source : IDatasetSource
{
    public DatasetEntry Entry { get; } = new("cifar10", "cifar10", TaskKind.ImageClassification, 10, [3, 32, 32],
        "CIFAR-10: 50,000 train / 10,000 test 32x32 colour photos of 10 classes, binary version; " +
        "download with `grn data prepare cifar10`. Normalised with the original project's constants.", NeedsDownload: true);

    public LoadedDataset Load(DataOptions options)
    {
        const string folder = "cifar10/cifar-10-batches-bin";
        var trainFiles = Enumerable.Range(1, 5).Select(i => DataFiles.Downloaded(Entry.Name, options, $"{folder}/data_batch_{i}.bin")).ToList();
        var testFile = DataFiles.Downloaded(Entry.Name, options, $"{folder}/test_batch.bin");
        var train = CifarBinaryReader.ReadAll(trainFiles);
        var test = CifarBinaryReader.Read(testFile);
        return SplitFactory.Classification(Entry, $"CIFAR-10 binary batches: {Path.GetDirectoryName(testFile)}", train, test,
            ImageNormalization.Cifar10, options);
    }
}
