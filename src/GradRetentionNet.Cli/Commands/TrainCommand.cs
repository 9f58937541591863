using System.CommandLine;
using System.Diagnostics;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Reporting;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Optimizers.Catalog;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn train</c>: one dataset × model × optimizer × seed job, with a progress bar, results, plots and Grad-CAM maps.</summary>
public sealed class TrainCommand : BaseCommand
{
    static readonly Option<string> Dataset = new("--dataset") { Description = "dataset name (grn datasets lists them)", Required = true };
    static readonly Option<string?> Model = new("--model") { Description = "model name; default: the dataset's usual model" };
    static readonly Option<string> Optimizer = new("--optimizer") { Description = "optimizer name, e.g. enhanced-sgd, sgd, adam", DefaultValueFactory = _ => "enhanced-sgd" };
    static readonly Option<long> Seed = new Option<long>("--seed") { Description = "seed of every random stream of the job", DefaultValueFactory = _ => 42 }.AsWholeNumber("42");
    static readonly Option<int> Epochs = new Option<int>("--epochs") { Description = "epochs to train", DefaultValueFactory = _ => 2 }.AsWholeNumber("2");
    static readonly Option<double?> LearningRate = new Option<double?>("--lr") { Description = "learning rate (shortcut for --hp lr=...)" }.AsNumber();
    static readonly Option<string[]> HyperParameters = new("--hp") { Description = "optimizer hyperparameter as name=value; repeatable", AllowMultipleArgumentsPerToken = true };
    static readonly Option<int> BatchSize = new Option<int>("--batch-size") { Description = "training batch size", DefaultValueFactory = _ => 64 }.AsWholeNumber("64");
    static readonly Option<int> TestBatchSize = new Option<int>("--test-batch-size") { Description = "test batch size", DefaultValueFactory = _ => 1000 }.AsWholeNumber("1000");
    static readonly Option<long?> MaxTrainSamples = new Option<long?>("--max-train-samples") { Description = "train on a seeded random subset of this size" }.AsWholeNumber("2000");
    static readonly Option<long?> MaxTestSamples = new Option<long?>("--max-test-samples") { Description = "test on a seeded random subset of this size" }.AsWholeNumber("1000");
    static readonly Option<double?> ValidationFraction = new Option<double?>("--validation-fraction")
    {
        Description = "hold out this share of the training examples (0 to 1, exclusive) as a validation split, stratified and the same for every seed and optimizer",
    }.AsNumber();
    static readonly Option<string> Device = new("--device") { Description = "auto, cpu or cuda:N", DefaultValueFactory = _ => "auto" };
    static readonly Option<bool> DeviceResident = new("--device-resident") { Description = "keep the whole dataset on the training device" };
    static readonly Option<string> Out = new("--out") { Description = "folder under which the job's folder is made", DefaultValueFactory = _ => "runs" };
    static readonly Option<string?> DataRoot = new("--data-root") { Description = "folder of downloaded datasets (default $GRN_DATA_ROOT or ~/.cache/gradretentionnet/data)" };
    static readonly Option<string?> ModelDirectory = new("--model-dir") { Description = "folder with a pretrained text model's vocab.txt and model.safetensors (bert-base-uncased)" };
    static readonly Option<int> GradCamSamples = new Option<int>("--gradcam-samples") { Description = "test images to draw Grad-CAM maps for", DefaultValueFactory = _ => 4 }.AsWholeNumber("4");

    public TrainCommand() : base("train", "Train one dataset x model x optimizer x seed job and write its results, plots and Grad-CAM maps.")
    {
        foreach (var option in new Option[] { Dataset, Model, Optimizer, Seed, Epochs, LearningRate, HyperParameters, BatchSize, TestBatchSize,
                     MaxTrainSamples, MaxTestSamples, ValidationFraction, Device, DeviceResident, Out, DataRoot, ModelDirectory, GradCamSamples })
            Options.Add(option);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var hyperParameters = ParseHyperParameters(parse.GetValue(HyperParameters) ?? []);
        if (parse.GetValue(LearningRate) is { } lr) hyperParameters["lr"] = lr.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        var dataRoot = parse.GetValue(DataRoot);
        var datasetName = parse.GetValue(Dataset)!;
        var draft = new JobSpec
        {
            Dataset = datasetName,
            Model = parse.GetValue(Model) ?? JobDataLoader.DefaultModel(datasetName),
            Optimizer = parse.GetValue(Optimizer)!,
            Seed = parse.GetValue(Seed),
            Epochs = parse.GetValue(Epochs),
            BatchSize = parse.GetValue(BatchSize),
            TestBatchSize = parse.GetValue(TestBatchSize),
            HyperParameters = hyperParameters,
            MaxTrainSamples = parse.GetValue(MaxTrainSamples),
            MaxTestSamples = parse.GetValue(MaxTestSamples),
            ValidationFraction = parse.GetValue(ValidationFraction),
            Device = parse.GetValue(Device)!,
            DeviceResident = parse.GetValue(DeviceResident),
            GradCamSamples = parse.GetValue(GradCamSamples),
            ModelDirectory = parse.GetValue(ModelDirectory),
        };
        // Everything checkable is checked before any data is loaded or anything written.
        draft.Validate();
        ModelCatalog.Validate(draft.Model, DatasetCatalog.Find(draft.Dataset).Task);
        OptimizerCatalog.Resolve(draft.Optimizer, draft.HyperParameters);
        OutputFolder.Check(parse.GetValue(Out)!);

        var folder = Path.Combine(parse.GetValue(Out)!, draft.Dataset, draft.Optimizer, $"seed-{draft.Seed}-{draft.Id}");
        AnsiConsole.MarkupLineInterpolated($"[bold]{draft.Optimizer}[/] on [bold]{draft.Dataset}[/] ({draft.Model}), seed {draft.Seed}, {draft.Epochs} epoch(s) -> {folder}");

        var loading = Stopwatch.StartNew();
        using var data = JobDataLoader.Load(draft, dataRoot);
        var dataLoadSeconds = loading.Elapsed.TotalSeconds;
        var output = new JobOutput(folder);
        var trainer = new Trainer(draft, data, output)
        {
            EpochCompleted = epoch => AnsiConsole.MarkupLineInterpolated(
                $"epoch {epoch.Epoch}/{draft.Epochs}: train loss {epoch.TrainLoss:F4}, {ValidationText(epoch)}test loss {epoch.TestLoss:F4}, {MetricText(epoch)}, train {epoch.TrainSeconds:F1} s, test {epoch.TestSeconds:F1} s, RSS {epoch.ProcessMemoryBytes >> 20} MiB"),
            AfterTraining = (model, result, device) => GradCamImages.Write(model, data.Test, result, output, device, draft.GradCamSamples),
            DataLoadSeconds = dataLoadSeconds,
        };

        var result = await RunWithProgress(trainer, draft, cancellation);
        var plots = JobPlots.Write(result, output.ReadBatches(), Path.Combine(folder, "plots"));

        AnsiConsole.MarkupLineInterpolated($"status: [bold]{result.Status.ToString().ToLowerInvariant()}[/]{(result.Error is null ? "" : $" ({result.Error})")}");
        AnsiConsole.MarkupLineInterpolated($"results: {output.ResultPath}");
        AnsiConsole.MarkupLineInterpolated($"series:  {output.EpochsCsvPath}, {output.BatchesCsvPath}");
        AnsiConsole.MarkupLineInterpolated($"plots:   {plots.Count} PNG in {Path.Combine(output.Directory, "plots")}");
        foreach (var warning in result.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
        if (result.GradCamImages.Count > 0)
            AnsiConsole.MarkupLineInterpolated($"grad-cam: {result.GradCamImages.Count} PNG in {output.GradCamDirectory}");

        return result.Status switch
        {
            JobState.Completed => ExitCodes.Success,
            JobState.Diverged => ExitCodes.Diverged,
            JobState.Cancelled => ExitCodes.Cancelled,
            _ => ExitCodes.Failed,
        };
    }

    static Task<JobResult> RunWithProgress(Trainer trainer, JobSpec spec, CancellationToken cancellation)
    {
        // Training is synchronous and long: it runs on its own thread while the console renders.
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return Task.Factory.StartNew(() => trainer.Run(null, cancellation), TaskCreationOptions.LongRunning);

        return AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("starting", maxValue: 1);
                var progress = new InlineProgress<JobProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.BatchesPerEpoch);
                    bar.Value = p.Batch;
                    bar.Description = $"epoch {p.Epoch}/{spec.Epochs} {p.Phase}" + (p.LastLoss is { } loss ? $" loss {loss:F3}" : "");
                });
                return await Task.Factory.StartNew(() => trainer.Run(progress, cancellation), TaskCreationOptions.LongRunning);
            });
    }

    static string MetricText(EpochRecord epoch) => epoch.TestAccuracy is { } accuracy
        ? $"test accuracy {accuracy:F4}"
        : $"test mIoU {epoch.TestMeanIoU:F4}, pixel accuracy {epoch.TestPixelAccuracy:F4}";

    // Empty without a validation split; otherwise "validation loss L, validation accuracy A, " (mIoU for segmentation).
    static string ValidationText(EpochRecord epoch) => epoch.ValidationLoss is { } loss
        ? $"validation loss {loss:F4}, validation {(epoch.TestAccuracy is null ? "mIoU" : "accuracy")} {epoch.ValidationMetric:F4}, "
        : "";

    internal static Dictionary<string, string> ParseHyperParameters(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
                throw new ArgumentException($"invalid --hp '{pair}': write name=value, e.g. --hp momentum=0.8");
            values[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }
        return values;
    }
}
