using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Text;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>Jobs with a validation split carved out of real, packaged data (build/offline-data.sh puts it in place).</summary>
public sealed class ValidationTrainingTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-validation-").FullName;

    static JobSpec Digits(double? validationFraction, long seed = 42, string optimizer = "sgd") => new()
    {
        Dataset = "mnist-digits-10k", Model = "simple-cnn", Optimizer = optimizer, Seed = seed, Epochs = 2,
        BatchSize = 64, TestBatchSize = 100, MaxTrainSamples = 600, MaxTestSamples = 200, Device = "cpu",
        GradCamSamples = 0, ValidationFraction = validationFraction,
    };

    [Fact]
    public void A_job_with_a_validation_fraction_records_validation_loss_and_accuracy_every_epoch()
    {
        var spec = Digits(0.2);
        var phases = new List<string>();
        using var data = JobDataLoader.Load(spec);
        data.Train.Count.Should().Be(480, "a fifth of the 600-example subset is held out");
        data.Validation!.Count.Should().Be(120);

        var output = new JobOutput(folder);
        var result = new Trainer(spec, data, output).Run(new SynchronousProgress(p => phases.Add(p.Phase)));

        result.Status.Should().Be(JobState.Completed);
        result.Steps.Should().Be(2 * 8, "480 examples are 8 batches of 64");
        result.Dataset.TrainExamples.Should().Be(480);
        result.Dataset.ValidationExamples.Should().Be(120);
        result.Dataset.TestExamples.Should().Be(200);
        result.Epochs.Should().HaveCount(2).And.OnlyContain(e =>
            e.ValidationLoss > 0 && double.IsFinite(e.ValidationLoss.Value) && e.ValidationMetric >= 0 && e.ValidationMetric <= 1);
        result.Epochs[^1].ValidationMetric.Should().BeGreaterThan(0.3, "two SGD epochs on real digits beat chance (0.10) by far");
        phases.Distinct().Should().Equal("train", "validation", "test");

        using var json = JsonDocument.Parse(File.ReadAllText(output.ResultPath));
        json.RootElement.GetProperty("dataset").GetProperty("validation_examples").GetInt64().Should().Be(120);
        foreach (var epoch in json.RootElement.GetProperty("epochs").EnumerateArray())
        {
            epoch.GetProperty("validation_loss").GetDouble().Should().BePositive();
            epoch.GetProperty("validation_metric").GetDouble().Should().BeInRange(0, 1);
        }
        var (header, rows) = ReadCsv(output.EpochsCsvPath);
        rows.Should().HaveCount(2);
        foreach (var column in new[] { nameof(EpochRecord.ValidationLoss), nameof(EpochRecord.ValidationMetric) })
        {
            header.Should().Contain(column);
            rows.Should().OnlyContain(row => double.Parse(row[Array.IndexOf(header, column)], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        }
    }

    [Fact]
    public void Every_trial_of_a_workload_validates_on_the_same_examples_whatever_its_seed_or_optimizer()
    {
        using var first = JobDataLoader.Load(Digits(0.2, seed: 1, optimizer: "sgd"));
        using var second = JobDataLoader.Load(Digits(0.2, seed: 2, optimizer: "adam"));

        Same(((ImageSplit)second.Validation!).Images, ((ImageSplit)first.Validation!).Images);
        Same(((ImageSplit)second.Validation!).Labels, ((ImageSplit)first.Validation!).Labels);
        Same(((ImageSplit)second.Train).Images, ((ImageSplit)first.Train).Images);
    }

    [Fact]
    public void A_job_without_validation_keeps_its_id_and_leaves_the_validation_fields_empty()
    {
        var spec = new JobSpec
        {
            Dataset = "synthetic-quadrants", Model = "simple-cnn", Optimizer = "sgd", Seed = 7, Epochs = 1,
            BatchSize = 32, TestBatchSize = 64, Device = "cpu",
        };
        // The id such a spec had before validation fractions existed (SHA-256 of its identity without a
        // validation_fraction key, computed independently): the fraction enters the id only when set.
        spec.Id.Should().Be("de7edf95275c");
        (spec with { ValidationFraction = 0.2 }).Id.Should().NotBe(spec.Id);

        var output = new JobOutput(folder);
        JobResult result;
        using (var data = new TrainingData(QuadrantImages.Info, QuadrantImages.Create(256, 1), QuadrantImages.Create(64, 2)))
            result = new Trainer(spec, data, output).Run();

        result.Status.Should().Be(JobState.Completed);
        result.Dataset.ValidationExamples.Should().Be(0);
        result.Epochs.Should().ContainSingle().Which.Should().Match<EpochRecord>(e => e.ValidationLoss == null && e.ValidationMetric == null);
        var (header, rows) = ReadCsv(output.EpochsCsvPath);
        rows.Single()[Array.IndexOf(header, nameof(EpochRecord.ValidationLoss))].Should().BeEmpty();
        rows.Single()[Array.IndexOf(header, nameof(EpochRecord.ValidationMetric))].Should().BeEmpty();
    }

    [Fact]
    public void A_text_job_builds_its_vocabulary_from_the_remaining_training_texts_only()
    {
        var spec = new JobSpec
        {
            Dataset = "imdb-sentences", Model = "text-classifier", Optimizer = "adamw", Epochs = 1, Device = "cpu", ValidationFraction = 0.25,
        };
        using var data = JobDataLoader.Load(spec);
        using var texts = (TextDataset)DatasetCatalog.Load("imdb-sentences", new DataOptions { ValidationFraction = 0.25 });
        var fromTraining = WordPieceEncoder.FromTexts(texts.Train.Texts);
        var fromTrainingAndValidation = WordPieceEncoder.FromTexts(texts.Train.Texts.Concat(texts.Validation!.Texts));

        data.Train.Count.Should().Be(600);
        data.Validation!.Count.Should().Be(200);
        data.Encoder!.VocabularySize.Should().Be(fromTraining.VocabularySize)
            .And.NotBe(fromTrainingAndValidation.VocabularySize, "the validation sentences bring words of their own");
        foreach (var text in texts.Validation.Texts)
            data.Encoder.Encode(text, JobDataLoader.MaxTokens).Should().Equal(fromTraining.Encode(text, JobDataLoader.MaxTokens));
    }

    [Fact]
    public void A_segmentation_job_validates_by_mIoU_on_a_photo_it_does_not_train_on()
    {
        var spec = new JobSpec
        {
            Dataset = "voc-labelme-examples", Model = "simple-unet", Optimizer = "adam", Epochs = 1, BatchSize = 2,
            Device = "cpu", GradCamSamples = 0, ValidationFraction = 0.34,
        };
        using var data = JobDataLoader.Load(spec);

        var result = new Trainer(spec, data, new JobOutput(folder)).Run();

        result.Status.Should().Be(JobState.Completed);
        result.Dataset.TrainExamples.Should().Be(2);
        result.Dataset.ValidationExamples.Should().Be(1);
        var epoch = result.Epochs.Single();
        epoch.ValidationLoss.Should().BePositive();
        epoch.ValidationMetric.Should().BeInRange(0, 1, "mIoU");
        epoch.TestMeanIoU.Should().NotBeNull();
    }

    [Fact]
    public void A_fraction_too_large_for_the_training_subset_is_a_one_line_error()
    {
        var load = () => JobDataLoader.Load(Digits(0.9) with { MaxTrainSamples = 3 });

        load.Should().Throw<ArgumentException>().Which.Message.Should()
            .Be("validation fraction 0.9 of 3 training examples leaves 3 for validation and 0 for training: lower the validation fraction or train on more examples (max-train-samples)");
    }

    static void Same(TorchSharp.torch.Tensor actual, TorchSharp.torch.Tensor expected)
    {
        actual.shape.Should().Equal(expected.shape);
        using var equal = actual.eq(expected).all();
        equal.item<bool>().Should().BeTrue();
    }

    static (string[] Header, List<string[]> Rows) ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), [.. lines.Skip(1).Select(line => line.Split(','))]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
