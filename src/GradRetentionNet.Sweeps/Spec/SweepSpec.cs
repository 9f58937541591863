namespace GradRetentionNet.Sweeps.Spec;

/// <summary>A grid sweep as a user writes it in YAML, validated.</summary>
public sealed record SweepSpec
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary>Models to try; null means each dataset's usual model.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    public required IReadOnlyList<string> Optimizers { get; init; }
    public required IReadOnlyList<long> Seeds { get; init; }
    public int Epochs { get; init; } = 2;
    public int BatchSize { get; init; } = 64;

    /// <summary>Hyperparameter name → values; the sweep runs their cartesian product.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Grid { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public long? MaxTrainSamples { get; init; }
    public long? MaxTestSamples { get; init; }
    public MetricSpec Metric { get; init; } = new();
    public string Device { get; init; } = "auto";
    public int TrialsPerGpu { get; init; } = 1;
    public int MaxFailedTrials { get; init; } = 10;
    public int MaxAttempts { get; init; } = 3;
}

/// <summary>What the sweep compares and, optionally, the target for time-to-target.</summary>
/// <param name="Name">test_metric (accuracy or mIoU), test_loss or train_loss.</param>
/// <param name="Goal">max or min.</param>
/// <param name="Target">Value whose first reaching is timed, if any.</param>
public sealed record MetricSpec(string Name = "test_metric", string Goal = "max", double? Target = null)
{
    public static readonly string[] Names = ["test_metric", "test_loss", "train_loss"];
    public static readonly string[] Goals = ["max", "min"];
}
