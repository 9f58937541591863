using GradRetentionNet.Data.Formats;

namespace GradRetentionNet.Data.Sources;

/// <summary>A downloaded text dataset: <c>{folder}/train.parquet</c> and <c>{folder}/test.parquet</c> with <c>text</c> and <c>label</c> columns.</summary>
internal sealed class ParquetTextSource(DatasetEntry entry, string folder) : IDatasetSource
{
    public DatasetEntry Entry { get; } = entry;

    public LoadedDataset Load(DataOptions options)
    {
        var trainPath = DataFiles.Downloaded(Entry.Name, options, $"{folder}/train.parquet");
        var testPath = DataFiles.Downloaded(Entry.Name, options, $"{folder}/test.parquet");
        var train = TextParquetReader.Read(trainPath).RequireLabelsBelow(Entry.Classes, trainPath);
        var test = TextParquetReader.Read(testPath).RequireLabelsBelow(Entry.Classes, testPath);
        return SplitFactory.Text(Entry, $"Parquet: {Path.GetDirectoryName(trainPath)}", train, test, options);
    }
}
