namespace GradRetentionNet.Data;

/// <summary>How <see cref="DatasetCatalog.Load"/> finds, cuts and places a dataset.</summary>
public sealed record DataOptions
{
    /// <summary>Environment variable naming the data root of downloaded datasets.</summary>
    public const string DataRootVariable = "GRN_DATA_ROOT";

    /// <summary>Environment variable naming the offline data home that build/offline-data.sh fills.</summary>
    public const string OfflineDataVariable = "GRN_OFFLINE_DATA";

    /// <summary>
    /// Folder of the downloaded datasets (<c>mnist/</c>, <c>cifar10/</c>, <c>imdb/</c>,
    /// <c>ag_news/</c>, <c>voc2012/</c>). Null: <c>$GRN_DATA_ROOT</c>, else
    /// <c>~/.cache/gradretentionnet/data</c>.
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>
    /// Folder of the offline sources (build/offline-data.sh fills it; <c>cifar10-generated</c> is
    /// generated there on first use). Null: <c>$GRN_OFFLINE_DATA</c>, else
    /// <c>~/.cache/gradretentionnet/offline</c>.
    /// </summary>
    public string? OfflineDataHome { get; init; }

    /// <summary>Keep at most this many training examples: a seeded random subset (see <see cref="Seed"/>). Null: all.</summary>
    public int? MaxTrainSamples { get; init; }

    /// <summary>Keep at most this many test examples: a seeded random subset. Null: all.</summary>
    public int? MaxTestSamples { get; init; }

    /// <summary>
    /// Hold out this share of the training examples (after <see cref="MaxTrainSamples"/>) as a
    /// validation split, stratified by class and drawn with <see cref="Seed"/>. Null: no validation split.
    /// </summary>
    public double? ValidationFraction { get; init; }

    /// <summary>
    /// Seed of the subsets and of the validation carve (the original project's single seed by
    /// default). Jobs leave it alone, so every trial of a workload sees the same examples.
    /// </summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Move each split to the training device once (on its first batches) and gather batches there,
    /// instead of gathering on the host and copying every batch. Worth it on a GPU when the split fits.
    /// </summary>
    public bool DeviceResident { get; init; }

    /// <summary>
    /// Side of the square segmentation images and masks are resized to. Null: 224, the original's.
    /// Classification datasets keep their native size; asking them for another one is an error.
    /// </summary>
    public int? ImageSize { get; init; }

    /// <summary>The data root in effect: <see cref="DataRoot"/>, else the environment variable, else the default.</summary>
    public string ResolveDataRoot() => DataRoot ?? FromEnvironment(DataRootVariable) ?? DefaultFolder("data");

    /// <summary>The offline data home in effect: <see cref="OfflineDataHome"/>, else the environment variable, else the default.</summary>
    public string ResolveOfflineDataHome() => OfflineDataHome ?? FromEnvironment(OfflineDataVariable) ?? DefaultFolder("offline");

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> for a non-positive count or size, or a validation fraction outside (0, 1).</summary>
    public DataOptions Validated()
    {
        if (MaxTrainSamples is <= 0) throw new ArgumentOutOfRangeException(nameof(MaxTrainSamples), MaxTrainSamples, "must be positive (null keeps all)");
        if (MaxTestSamples is <= 0) throw new ArgumentOutOfRangeException(nameof(MaxTestSamples), MaxTestSamples, "must be positive (null keeps all)");
        if (ValidationFraction is { } fraction && !(fraction is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be between 0 and 1, exclusive (null: no validation split)");
        if (ImageSize is <= 0) throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "must be positive (null: 224)");
        return this;
    }

    static string? FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    static string DefaultFolder(string name) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gradretentionnet", name);
}
