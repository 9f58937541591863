using GradRetentionNet.Data;
using GradRetentionNet.Training.Models;

namespace GradRetentionNet.Training.Jobs;

/// <summary>The model families, by name, and which tasks each can do.</summary>
public static class ModelCatalog
{
    sealed record Entry(string Name, TaskKind Task, string Description, Func<DatasetInfo, long[], ITaskModel> Build);

    static readonly Entry[] Entries =
    [
        new("simple-cnn", TaskKind.ImageClassification,
            "the original's SimpleCNN: two conv/pool stages, 128 hidden units (421,642 parameters on 1x28x28)",
            (info, shape) => new ImageClassifierModel(new SimpleCnn((int)shape[0], (int)shape[1], info.Classes))),
        new("simple-unet", TaskKind.Segmentation,
            "a U-Net: 4 down/up levels from 32 channels, skip connections, 1x1 head (7.8M parameters for 21 classes)",
            (info, shape) => new SegmentationModel(new SimpleUNet((int)shape[0], info.Classes), info.Classes)),
    ];

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>The model a dataset of this task uses when none is named.</summary>
    public static string DefaultFor(TaskKind task) =>
        Entries.FirstOrDefault(e => e.Task == task)?.Name
        ?? throw new ArgumentException($"no model is available for {task} datasets yet");

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

    /// <summary>Builds the model for a dataset whose examples have <paramref name="exampleShape"/> (e.g. [1, 28, 28]).</summary>
    public static ITaskModel Create(string model, DatasetInfo info, long[] exampleShape)
    {
        Validate(model, info.Task);
        return Find(model).Build(info, exampleShape);
    }

    static Entry Find(string model) =>
        Entries.FirstOrDefault(e => e.Name == model)
        ?? throw new ArgumentException($"unknown model '{model}': use one of {string.Join(", ", Entries.Select(e => e.Name))}");
}
