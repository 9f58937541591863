namespace GradRetentionNet.Data.Sources;

/// <summary>One catalogue dataset: its description and how to load it.</summary>
internal interface IDatasetSource
{
    /// <summary>The catalogue entry.</summary>
    DatasetEntry Entry { get; }

    /// <summary>Loads train and test splits as <paramref name="options"/> say.</summary>
    LoadedDataset Load(DataOptions options);
}
