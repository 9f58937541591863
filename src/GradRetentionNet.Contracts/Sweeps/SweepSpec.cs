namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>A sweep as a user writes it in YAML, validated (parsed once, at submission; it travels typed).</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary>Models to try; null means each dataset's usual model.</summary>
    [Id(2)] public IReadOnlyList<string>? Models { get; init; }

    [Id(3)] public required IReadOnlyList<string> Optimizers { get; init; }
    [Id(4)] public required IReadOnlyList<long> Seeds { get; init; }
    [Id(5)] public int Epochs { get; init; } = 2;
    [Id(6)] public int BatchSize { get; init; } = 64;

    /// <summary>Hyperparameter name → values; the sweep runs their cartesian product.</summary>
    [Id(7)] public IReadOnlyDictionary<string, IReadOnlyList<string>> Grid { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    [Id(8)] public long? MaxTrainSamples { get; init; }
    [Id(9)] public long? MaxTestSamples { get; init; }
    [Id(10)] public MetricSpec Metric { get; init; } = new();
    [Id(11)] public string Device { get; init; } = "auto";
    [Id(12)] public int TrialsPerGpu { get; init; } = 1;
    [Id(13)] public int MaxFailedTrials { get; init; } = 10;
    [Id(14)] public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Per optimizer (every name of <see cref="Optimizers"/>), its search space: hyperparameter →
    /// space. Null for the list form (<c>optimizers: [a, b]</c>), whose <see cref="Grid"/> applies to all.
    /// </summary>
    [Id(15)] public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ParameterSpace>>? Spaces { get; init; }

    [Id(16)] public SearchSpec Search { get; init; } = new();

    /// <summary>The validation split; null: none (selection then falls back to the test figures, as before).</summary>
    [Id(17)] public ValidationSpec? Validation { get; init; }

    [Id(18)] public EarlyStopSpec? EarlyStop { get; init; }

    /// <summary><c>explain: {gradcam_samples: N}</c>: each image job draws Grad-CAM maps for the same first N test images (0: none).</summary>
    [Id(19)] public int GradCamSamples { get; init; }

    /// <summary><c>protocol:</c> the sweep is a two-phase study; null: an ordinary sweep. <see cref="Seeds"/> are then the tuning seeds.</summary>
    [Id(20)] public ProtocolSpec? Protocol { get; init; }
}

/// <summary>What the sweep compares and, optionally, the target for time-to-target.</summary>
/// <param name="Name">test_metric (accuracy or mIoU), test_loss, train_loss, validation_metric or validation_loss.</param>
/// <param name="Goal">max or min.</param>
/// <param name="Target">Value whose first reaching is timed, if any.</param>
[GenerateSerializer, Immutable]
public sealed record MetricSpec([property: Id(0)] string Name = "test_metric", [property: Id(1)] string Goal = "max", [property: Id(2)] double? Target = null)
{
    public static readonly string[] Names = ["test_metric", "test_loss", "train_loss", "validation_metric", "validation_loss"];
    public static readonly string[] Goals = ["max", "min"];
}
