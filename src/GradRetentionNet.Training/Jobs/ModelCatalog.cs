using GradRetentionNet.Data;
using GradRetentionNet.Training.Models;
using GradRetentionNet.Training.Models.Text;

namespace GradRetentionNet.Training.Jobs;

/// <summary>The model families, by name, and which tasks each can do.</summary>
public static class ModelCatalog
{
    /// <summary>The pretrained weights file a text model loads from its model directory.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>The WordPiece vocabulary a text model reads from its model directory.</summary>
    public const string VocabularyFile = "vocab.txt";

    sealed record Entry(string Name, TaskKind Task, string Description, Func<ModelContext, ITaskModel> Build);

    static readonly Entry[] Entries =
    [
        new("simple-cnn", TaskKind.ImageClassification,
            "the original's SimpleCNN: two conv/pool stages, 128 hidden units (421,642 parameters on 1x28x28)",
            c => new ImageClassifierModel(new SimpleCnn((int)c.ExampleShape[0], (int)c.ExampleShape[1], c.Info.Classes))),
        new("simple-unet", TaskKind.Segmentation,
            "a U-Net: 4 down/up levels from 32 channels, skip connections, 1x1 head (7.8M parameters for 21 classes)",
            c => new SegmentationModel(new SimpleUNet((int)c.ExampleShape[0], c.Info.Classes), c.Info.Classes)),
        new("text-classifier", TaskKind.TextClassification,
            "a small BERT-architecture encoder trained from scratch (hidden 128, 2 layers, 2 heads; WordPiece, 128 tokens)",
            c => Text(new TextClassifier(BertConfig.Small(c.VocabularySize), c.Info.Classes))),
        new("bert-base-uncased", TaskKind.TextClassification,
            "bert-base-uncased fine-tuned: needs --model-dir with its vocab.txt and model.safetensors",
            c => Text(Pretrained(c))),
    ];

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>The model a dataset of this task uses when none is named.</summary>
    public static string DefaultFor(TaskKind task) =>
        Entries.FirstOrDefault(e => e.Task == task)?.Name
        ?? throw new ArgumentException($"no model is available for {task} datasets yet");

    /// <summary>True for models that read a vocabulary and weights from a model directory.</summary>
    public static bool NeedsModelDirectory(string model) => model == "bert-base-uncased";

    /// <summary>Checks that <paramref name="model"/> exists and suits <paramref name="task"/>; one-line errors.</summary>
    public static void Validate(string model, TaskKind task)
    {
        var entry = Find(model);
        if (entry.Task != task)
        {
            var suitable = Entries.Where(e => e.Task == task).Select(e => e.Name).ToList();
            throw new ArgumentException(suitable.Count > 0
                ? $"invalid model '{model}' for a {task} dataset: use {string.Join(" or ", suitable)}"
                : $"invalid model '{model}' for a {task} dataset: no model for that task is available yet");
        }
    }

    /// <summary>Builds <paramref name="model"/> for the data described by <paramref name="context"/>.</summary>
    public static ITaskModel Create(string model, ModelContext context)
    {
        Validate(model, context.Info.Task);
        return Find(model).Build(context);
    }

    static TextClassifierModel Text(TextClassifier network) => new(network, network.forward);

    static TextClassifier Pretrained(ModelContext context)
    {
        var weights = Path.Combine(context.ModelDirectory ?? throw new ArgumentException(
            "model 'bert-base-uncased' needs --model-dir: a folder with its vocab.txt and model.safetensors"), WeightsFile);
        if (!File.Exists(weights)) throw new FileNotFoundException($"model weights {weights} do not exist", weights);
        var network = new TextClassifier(BertConfig.BertBaseUncased with { VocabularySize = context.VocabularySize }, context.Info.Classes);
        // The classification head is new for the task; everything else must come from the file.
        SafetensorsLoader.Load(network, weights, optional: name => name.StartsWith("classifier.", StringComparison.Ordinal));
        return network;
    }

    static Entry Find(string model) =>
        Entries.FirstOrDefault(e => e.Name == model)
        ?? throw new ArgumentException($"unknown model '{model}': use one of {string.Join(", ", Entries.Select(e => e.Name))}");
}
