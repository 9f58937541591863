using GradRetentionNet.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Tests.Optimizers;

/// <summary>
/// A learnable task with a known answer: 8-dimensional Gaussian inputs labelled by the argmax of
/// a fixed random linear map into 3 classes, fitted by a small MLP. Batches are a pure function
/// of the step number, so runs can be compared step for step.
/// </summary>
internal static class LinearTask
{
    const int Inputs = 8;
    const int Classes = 3;
    static readonly Tensor Teacher = torch.randn(Inputs, Classes, generator: new Generator(7)).DetachFromDisposeScope();

    public static Sequential Model(long seed)
    {
        torch.manual_seed(seed);
        return nn.Sequential(nn.Linear(Inputs, 16), nn.ReLU(), nn.Linear(16, Classes));
    }

    public static (Tensor Input, Tensor Target) Batch(long step, int size = 32)
    {
        using var generator = new Generator((ulong)(1000 + step));
        var input = torch.randn(size, Inputs, generator: generator);
        var target = input.matmul(Teacher).argmax(1);
        return (input, target);
    }

    /// <summary>One training step; <paramref name="lossMultiplier"/> injects a loss (and gradient) spike.</summary>
    public static double Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, long step, double lossMultiplier = 1)
    {
        using var scope = torch.NewDisposeScope();
        var (input, target) = Batch(step);
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(input), target) * lossMultiplier;
        loss.backward();
        if (optimizer is ILossObserver observer) observer.ObserveLoss(loss);
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Trains two models side by side on the same batches; true if they end bitwise equal.</summary>
    public static bool EndEqual(nn.Module<Tensor, Tensor> leftModel, optim.Optimizer left,
        nn.Module<Tensor, Tensor> rightModel, optim.Optimizer right, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            Step(leftModel, left, step);
            Step(rightModel, right, step);
        }
        return BitwiseEqual(Snapshot(leftModel), Snapshot(rightModel));
    }

    public static double Loss(nn.Module<Tensor, Tensor> model, long step)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (input, target) = Batch(step, 512);
        return nn.functional.cross_entropy(model.forward(input), target).item<float>();
    }

    public static Tensor[] Snapshot(nn.Module model) =>
        model.parameters().Select(p => p.detach().clone()).ToArray();

    public static bool BitwiseEqual(IReadOnlyList<Tensor> left, IReadOnlyList<Tensor> right) =>
        left.Count == right.Count && left.Zip(right).All(pair => pair.First.eq(pair.Second).all().item<bool>());
}
