namespace GradRetentionNet.Data;

/// <summary>
/// A dataset's files are not where the catalogue looks. The message is one line: the dataset,
/// the missing path, and how to get it (<c>grn data prepare NAME</c> for downloaded datasets,
/// <c>build/offline-data.sh</c> for the offline ones).
/// </summary>
public sealed class DatasetNotAvailableException(string dataset, string missingPath, string remedy)
    : IOException($"dataset '{dataset}' is not available: {missingPath} is missing; {remedy}")
{
    /// <summary>The dataset asked for.</summary>
    public string Dataset { get; } = dataset;

    /// <summary>The first file or folder found missing.</summary>
    public string MissingPath { get; } = missingPath;
}
