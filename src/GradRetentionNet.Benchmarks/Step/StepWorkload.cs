using GradRetentionNet.Training.Models;
using GradRetentionNet.Training.Models.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Benchmarks.Step;

/// <summary>
/// A model and one fixed batch to train it on. The shapes are those bench/pytorch/step.py builds:
/// SimpleCNN on MNIST-shaped (1×28×28) and CIFAR-shaped (3×32×32) images, and the from-scratch
/// text classifier (BertConfig.Small) on 128-token sequences. Inputs are random: a step costs the
/// same whatever the values, and the benchmark measures time, not accuracy.
/// </summary>
internal sealed class StepWorkload : IDisposable
{
    /// <summary>The vocabulary WordPieceEncoder.FromTexts builds at most, and reaches on IMDB- and AG-News-sized data.</summary>
    public const int TextVocabulary = 8_000;

    /// <summary>Classes of the text workload (IMDB's two).</summary>
    public const int TextClasses = 2;

    public static readonly IReadOnlyList<string> Names = ["mnist", "cifar", "text"];

    readonly Func<Tensor> forward;

    StepWorkload(nn.Module model, Tensor[] inputs, Tensor target, Func<Tensor> forward)
    {
        Model = model;
        Inputs = inputs;
        Target = target;
        this.forward = forward;
    }

    public nn.Module Model { get; }

    public Tensor[] Inputs { get; }

    public Tensor Target { get; }

    /// <summary>Builds workload <paramref name="name"/> with a batch of <paramref name="batch"/> on <paramref name="device"/>.</summary>
    public static StepWorkload Create(string name, int batch, Device device)
    {
        using var generator = new Generator(1);
        switch (name)
        {
            case "mnist" or "cifar":
                {
                    var (channels, side) = name == "mnist" ? (1, 28) : (3, 32);
                    var model = new SimpleCnn(channels, side, 10);
                    model.to(device);
                    var images = torch.randn([batch, channels, side, side], generator: generator).to(device);
                    var target = torch.randint(0, 10, [batch], generator: generator).to(device);
                    return new StepWorkload(model, [images], target, () => model.forward(images));
                }
            case "text":
                {
                    var model = new TextClassifier(BertConfig.Small(TextVocabulary), TextClasses);
                    model.to(device);
                    var ids = torch.randint(0, TextVocabulary, [batch, Training.Jobs.JobDataLoader.MaxTokens], generator: generator).to(device);
                    var mask = torch.ones_like(ids);
                    var target = torch.randint(0, TextClasses, [batch], generator: generator).to(device);
                    return new StepWorkload(model, [ids, mask], target, () => model.forward(ids, mask));
                }
            default:
                throw new ArgumentException($"unknown workload '{name}': use {string.Join(", ", Names)}");
        }
    }

    /// <summary>The logits of the fixed batch.</summary>
    public Tensor Forward() => forward();

    public void Dispose()
    {
        Model.Dispose();
        foreach (var input in Inputs) input.Dispose();
        Target.Dispose();
    }
}
