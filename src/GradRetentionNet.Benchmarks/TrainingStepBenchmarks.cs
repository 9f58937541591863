using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GradRetentionNet.Training.Models;
using GradRetentionNet.Training.Optimizers;
using GradRetentionNet.Training.Optimizers.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Benchmarks;

/// <summary>
/// One SimpleCNN (MNIST shape, 421,642 parameters) training step at batch 64 on the CPU, with
/// EnhancedSGD against torch.optim.SGD(0.01, momentum 0.9). Inputs are random tensors: a step
/// costs the same whatever the pixel values, and the benchmark measures time, not accuracy.
/// "full step" is forward + backward + update; "optimizer step" is the update alone, on
/// gradients computed once.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TrainingStepBenchmarks
{
    public const string FullStep = "full step";
    public const string OptimizerStep = "optimizer step";
    const int BatchSize = 64;

    readonly Dictionary<string, (SimpleCnn Model, optim.Optimizer Optimizer)> runs = [];
    Tensor input = null!;
    Tensor target = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new Generator(1);
        input = torch.randn(BatchSize, 1, 28, 28, generator: generator);
        target = torch.randint(0, 10, BatchSize, generator: generator);
        foreach (var name in new[] { "sgd", "enhanced-sgd", "enhanced-sgd-legacy" })
        {
            torch.manual_seed(42);
            var model = new SimpleCnn(1, 28);
            var optimizer = OptimizerCatalog.Create(name, model.parameters(), null, new OptimizerContext(Seed: 42, PlannedSteps: 1_000_000));
            runs[name] = (model, optimizer);
            Train(name); // gradients (and momentum buffers) exist before anything is timed
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (model, optimizer) in runs.Values)
        {
            optimizer.Dispose();
            model.Dispose();
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory(FullStep)]
    public void Sgd() => Train("sgd");

    [Benchmark, BenchmarkCategory(FullStep)]
    public void EnhancedSgd() => Train("enhanced-sgd");

    [Benchmark, BenchmarkCategory(FullStep)]
    public void EnhancedSgdLegacy() => Train("enhanced-sgd-legacy");

    [Benchmark(Baseline = true), BenchmarkCategory(OptimizerStep)]
    public void SgdUpdate() => Update("sgd");

    [Benchmark, BenchmarkCategory(OptimizerStep)]
    public void EnhancedSgdUpdate() => Update("enhanced-sgd");

    [Benchmark, BenchmarkCategory(OptimizerStep)]
    public void EnhancedSgdLegacyUpdate() => Update("enhanced-sgd-legacy");

    void Train(string name)
    {
        var (model, optimizer) = runs[name];
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(input), target);
        loss.backward();
        if (optimizer is ILossObserver observer) observer.ObserveLoss(loss);
        optimizer.step();
    }

    // The gradients of the last Train call stay in place; only the update runs.
    void Update(string name)
    {
        var (_, optimizer) = runs[name];
        using var scope = torch.NewDisposeScope();
        if (optimizer is ILossObserver observer) observer.ObserveLoss(torch.tensor(2.3f));
        optimizer.step();
    }
}
