using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GradRetentionNet.Contracts.Jobs;

/// <summary>
/// One training job: dataset × model × optimizer × seed, with everything that changes its
/// result. Two specs with the same resolved values have the same <see cref="Id"/>, so work is
/// never duplicated. Travels to trainers as a typed Orleans message.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobSpec
{
    [Id(0)] public required string Dataset { get; init; }
    [Id(1)] public required string Model { get; init; }
    [Id(2)] public required string Optimizer { get; init; }
    [Id(3)] public long Seed { get; init; } = 42;
    [Id(4)] public int Epochs { get; init; } = 2;
    [Id(5)] public int BatchSize { get; init; } = 64;
    [Id(6)] public int TestBatchSize { get; init; } = 1000;

    /// <summary>Optimizer hyperparameters as given (text); defaults are filled in by the catalogue.</summary>
    [Id(7)] public IReadOnlyDictionary<string, string> HyperParameters { get; init; } = new SortedDictionary<string, string>();

    [Id(8)] public long? MaxTrainSamples { get; init; }
    [Id(9)] public long? MaxTestSamples { get; init; }

    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda:N</c>. Not part of the id: a job gives the same result wherever it runs.</summary>
    [Id(10)] public string Device { get; init; } = "auto";

    /// <summary>Keep the whole dataset on the training device.</summary>
    [Id(11)] public bool DeviceResident { get; init; }

    /// <summary>Folder with a pretrained model's files (vocab.txt, model.safetensors), for text models.</summary>
    [Id(12)] public string? ModelDirectory { get; init; }

    /// <summary>Test samples to draw Grad-CAM overlays for at the end (0: none).</summary>
    [Id(13)] public int GradCamSamples { get; init; } = 4;

    /// <summary>The share of the training split held out as the validation set (seeded, stratified); null: no validation set.</summary>
    [Id(14)] public double? ValidationFraction { get; init; }

    /// <summary>Throws a one-line <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Dataset), "dataset", "must name a dataset");
        Require(!string.IsNullOrWhiteSpace(Model), "model", "must name a model");
        Require(!string.IsNullOrWhiteSpace(Optimizer), "optimizer", "must name an optimizer");
        Require(Epochs >= 1, "epochs", $"must be >= 1, got {Epochs}");
        Require(BatchSize >= 1, "batch-size", $"must be >= 1, got {BatchSize}");
        Require(TestBatchSize >= 1, "test-batch-size", $"must be >= 1, got {TestBatchSize}");
        Require(MaxTrainSamples is null or >= 1, "max-train-samples", $"must be >= 1, got {MaxTrainSamples}");
        Require(MaxTestSamples is null or >= 1, "max-test-samples", $"must be >= 1, got {MaxTestSamples}");
        Require(GradCamSamples >= 0, "gradcam-samples", $"must be >= 0, got {GradCamSamples}");
        Require(ValidationFraction is null or (> 0 and < 1), "validation-fraction", $"must be between 0 and 1 (exclusive), got {ValidationFraction}");
        DeviceName.Parse(Device);
    }

    /// <summary>12 hex digits of SHA-256 over the fields that determine the result.</summary>
    public string Id
    {
        get
        {
            var identity = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["dataset"] = Dataset, ["model"] = Model, ["optimizer"] = Optimizer, ["seed"] = Seed,
                ["epochs"] = Epochs, ["batch_size"] = BatchSize, ["test_batch_size"] = TestBatchSize,
                ["hyperparameters"] = new SortedDictionary<string, string>(HyperParameters.ToDictionary(), StringComparer.Ordinal),
                ["max_train_samples"] = MaxTrainSamples, ["max_test_samples"] = MaxTestSamples,
                ["model_directory"] = ModelDirectory is null ? null : Path.GetFullPath(ModelDirectory),
            };
            // Only when set, so that jobs without a validation split keep the ids they always had.
            if (ValidationFraction is { } fraction) identity["validation_fraction"] = fraction;
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(identity)));
            return Convert.ToHexStringLower(hash)[..12];
        }
    }

    static void Require(bool condition, string field, string message)
    {
        if (!condition) throw new ArgumentException($"invalid {field}: {message}");
    }
}
