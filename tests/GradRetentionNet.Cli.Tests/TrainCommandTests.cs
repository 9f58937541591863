using System.Text.Json;

namespace GradRetentionNet.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-cli-").FullName;

    [Theory]
    [InlineData("error: unknown dataset 'nope'*", "--dataset", "nope")]
    [InlineData("error: unknown optimizer 'adamax'*", "--dataset", "mnist-digits-10k", "--optimizer", "adamax")]
    [InlineData("error: optimizer 'sgd': lr = -1 is out of range: must be > 0", "--dataset", "mnist-digits-10k", "--optimizer", "sgd", "--lr", "-1")]
    [InlineData("error: invalid --hp 'momentum': write name=value*", "--dataset", "mnist-digits-10k", "--hp", "momentum")]
    [InlineData("error: invalid epochs: must be >= 1, got 0", "--dataset", "mnist-digits-10k", "--epochs", "0")]
    [InlineData("error: invalid device 'gpu': use auto, cpu or cuda:N", "--dataset", "mnist-digits-10k", "--device", "gpu")]
    [InlineData("error: invalid model 'simple-cnn' for a TextClassification dataset*", "--dataset", "imdb-sentences", "--model", "simple-cnn")]
    [InlineData("error: model 'bert-base-uncased' needs --model-dir*", "--dataset", "imdb-sentences", "--model", "bert-base-uncased")]
    [InlineData("error: Option '--dataset' is required.*", "--epochs", "1")]
    [InlineData("error: invalid --epochs 'many': give a whole number such as 2 (see grn train --help)", "--dataset", "mnist-digits-10k", "--epochs", "many")]
    [InlineData("error: invalid --lr 'abc': give a number such as 0.01 or 3e-4 (see grn train --help)", "--dataset", "mnist-digits-10k", "--lr", "abc")]
    [InlineData("error: invalid validation-fraction: must be between 0 and 1 (exclusive), got 1.5", "--dataset", "mnist-digits-10k", "--validation-fraction", "1.5")]
    [InlineData("error: invalid --validation-fraction 'half': give a number such as 0.01 or 3e-4 (see grn train --help)", "--dataset", "mnist-digits-10k", "--validation-fraction", "half")]
    [InlineData("error: validation fraction 0.9 of 3 training examples leaves 3 for validation and 0 for training: lower the validation fraction*", "--dataset", "voc-labelme-examples", "--validation-fraction", "0.9")]
    public void Bad_arguments_exit_with_2_and_one_line_naming_the_problem(string message, params string[] arguments)
    {
        var (exitCode, _, error) = GrnProcess.Run(["train", .. arguments, "--out", folder]);
        exitCode.Should().Be(2, error);
        error.TrimEnd().Should().Match(message).And.NotContain("\n");
        Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty("nothing is written for bad input");
    }

    [Fact]
    public void A_missing_downloaded_dataset_says_how_to_get_it()
    {
        var (exitCode, _, error) = GrnProcess.Run("train", "--dataset", "cifar10", "--data-root", Path.Combine(folder, "empty"), "--out", folder);
        exitCode.Should().Be(2);
        error.Should().Contain("grn data prepare cifar10").And.NotContain("\n  at ");
    }

    [Fact]
    public void A_job_runs_end_to_end_and_says_where_its_results_are()
    {
        var (exitCode, output, error) = GrnProcess.Run("train", "--dataset", "mnist-digits-10k", "--optimizer", "enhanced-sgd",
            "--epochs", "1", "--max-train-samples", "512", "--max-test-samples", "256", "--device", "cpu", "--out", folder);

        exitCode.Should().Be(0, error);
        var resultLine = output.Split('\n').Single(l => l.StartsWith("results: "));
        var resultPath = resultLine["results: ".Length..].Trim();
        using var json = JsonDocument.Parse(File.ReadAllText(resultPath));
        json.RootElement.GetProperty("status").GetString().Should().Be("completed");
        json.RootElement.GetProperty("schema_version").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("steps").GetInt64().Should().Be(8);
        json.RootElement.TryGetProperty("batches", out _).Should().BeFalse("the per-batch rows are in batches.csv only");
        var jobFolder = Path.GetDirectoryName(resultPath)!;
        File.ReadLines(Path.Combine(jobFolder, "batches.csv")).Should().HaveCount(1 + 8);
        Directory.GetFiles(Path.Combine(jobFolder, "plots"), "*.png").Should().HaveCount(7);
        File.Exists(Path.Combine(jobFolder, "epochs.csv")).Should().BeTrue();
        output.Should().Contain("epoch 1/1: train loss");
        var overlays = json.RootElement.GetProperty("grad_cam_images").EnumerateArray().Select(e => e.GetString()!).ToList();
        overlays.Should().HaveCount(4);
        overlays.Should().OnlyContain(path => File.Exists(Path.Combine(jobFolder, path)));
    }

    [Fact]
    public void A_job_with_a_validation_fraction_shows_validation_loss_and_accuracy_each_epoch()
    {
        var (exitCode, output, error) = GrnProcess.Run("train", "--dataset", "mnist-digits-10k", "--optimizer", "sgd", "--epochs", "1",
            "--max-train-samples", "320", "--max-test-samples", "100", "--validation-fraction", "0.2", "--gradcam-samples", "0",
            "--device", "cpu", "--out", folder);

        exitCode.Should().Be(0, error);
        output.Should().MatchRegex(@"epoch 1/1: train loss [0-9.]+, validation loss [0-9.]+, validation accuracy [0-9.]+, test loss");
        var resultPath = output.Split('\n').Single(l => l.StartsWith("results: "))["results: ".Length..].Trim();
        using var json = JsonDocument.Parse(File.ReadAllText(resultPath));
        json.RootElement.GetProperty("spec").GetProperty("validation_fraction").GetDouble().Should().Be(0.2);
        json.RootElement.GetProperty("dataset").GetProperty("train_examples").GetInt64().Should().Be(256);
        json.RootElement.GetProperty("dataset").GetProperty("validation_examples").GetInt64().Should().Be(64);
    }

    [Fact]
    public void A_segmentation_job_reports_mIoU_and_draws_class_maps()
    {
        var (exitCode, output, error) = GrnProcess.Run("train", "--dataset", "voc-labelme-examples", "--optimizer", "adam",
            "--epochs", "1", "--batch-size", "3", "--gradcam-samples", "2", "--device", "cpu", "--out", folder);

        exitCode.Should().Be(0, error);
        output.Should().Contain("(simple-unet)").And.Contain("test mIoU");
        var resultPath = output.Split('\n').Single(l => l.StartsWith("results: "))["results: ".Length..].Trim();
        using var json = JsonDocument.Parse(File.ReadAllText(resultPath));
        var epoch = json.RootElement.GetProperty("epochs")[0];
        epoch.GetProperty("test_miou").GetDouble().Should().BeInRange(0, 1);
        epoch.GetProperty("test_pixel_accuracy").GetDouble().Should().BeInRange(0, 1);
        json.RootElement.GetProperty("grad_cam_images").GetArrayLength().Should().Be(2);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
