using System.Diagnostics;
using GradRetentionNet.Training.Models;
using GradRetentionNet.Training.Optimizers;
using GradRetentionNet.Training.Optimizers.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Benchmarks.OptimizerCost;

/// <summary>
/// One optimizer of the benchmark, built from the catalogue over two identically initialised
/// SimpleCNNs: one trains (full steps), the other keeps the gradients of one backward pass and
/// only updates (optimizer steps), so neither measurement disturbs the other's state.
/// </summary>
internal sealed class CostCase : IDisposable
{
    const long Seed = 42;

    readonly SyntheticBatches batches;
    readonly SimpleCnn trainedModel;
    readonly optim.Optimizer trainedOptimizer;
    readonly SimpleCnn updatedModel;
    readonly optim.Optimizer updatedOptimizer;
    readonly Tensor fixedLoss;
    long fullSteps;

    /// <param name="label">A catalogue name, optionally followed by <c>:key=value</c> hyperparameters.</param>
    /// <param name="plannedSteps">Full steps the run will take (the controller's training-phase feature).</param>
    public CostCase(string label, ImageShape shape, SyntheticBatches batches, long plannedSteps)
    {
        Label = label;
        this.batches = batches;
        var (name, hyperParameters) = ParseLabel(label);
        var (channels, side) = SyntheticBatches.Dimensions(shape);
        var context = new OptimizerContext(Seed, plannedSteps);

        torch.manual_seed(Seed);
        trainedModel = new SimpleCnn(channels, side);
        trainedOptimizer = OptimizerCatalog.Create(name, trainedModel.parameters(), hyperParameters, context);
        torch.manual_seed(Seed);
        updatedModel = new SimpleCnn(channels, side);
        updatedOptimizer = OptimizerCatalog.Create(name, updatedModel.parameters(), hyperParameters, context);

        // The optimizer-only steps reuse these gradients and this loss (for optimizers that
        // observe the loss, as the trainer hands it over every step).
        var (input, target) = batches[0];
        using var scope = torch.NewDisposeScope();
        var loss = nn.functional.cross_entropy(updatedModel.forward(input), target);
        loss.backward();
        fixedLoss = loss.detach().DetachFromDisposeScope();
    }

    public string Label { get; }

    /// <summary>Forward, backward and update on the next batch, as the trainer runs them; returns the elapsed stopwatch ticks.</summary>
    public long FullStep()
    {
        var (input, target) = batches[fullSteps++];
        var start = Stopwatch.GetTimestamp();
        using (torch.NewDisposeScope())
        {
            trainedOptimizer.zero_grad();
            var loss = nn.functional.cross_entropy(trainedModel.forward(input), target);
            loss.backward();
            if (trainedOptimizer is ILossObserver observer) observer.ObserveLoss(loss);
            trainedOptimizer.step();
        }
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>The update alone, on the gradients kept from construction; returns the elapsed stopwatch ticks.</summary>
    public long OptimizerStep()
    {
        var start = Stopwatch.GetTimestamp();
        using (torch.NewDisposeScope())
        {
            if (updatedOptimizer is ILossObserver observer) observer.ObserveLoss(fixedLoss);
            updatedOptimizer.step();
        }
        return Stopwatch.GetTimestamp() - start;
    }

    /// <summary>The trained model's loss on the first batch: a finite, falling value shows the optimizer really trained.</summary>
    public double CurrentLoss()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (input, target) = batches[0];
        return nn.functional.cross_entropy(trainedModel.forward(input), target).item<float>();
    }

    static (string Name, Dictionary<string, string>? HyperParameters) ParseLabel(string label)
    {
        var parts = label.Split(':');
        if (parts.Length == 1) return (label, null);
        var hyperParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts[1..])
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) throw new ArgumentException($"'{part}' in '{label}' is not key=value");
            hyperParameters[pair[0]] = pair[1];
        }
        return (parts[0], hyperParameters);
    }

    public void Dispose()
    {
        trainedOptimizer.Dispose();
        trainedModel.Dispose();
        updatedOptimizer.Dispose();
        updatedModel.Dispose();
        fixedLoss.Dispose();
    }
}
