using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Optimizers;
using GradRetentionNet.Training.Optimizers.Telemetry;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// Records one <see cref="BatchRecord"/> per optimizer step for any optimizer. EnhancedSGD
/// reports its own telemetry; for the others the probe computes the gradient statistics on the
/// device before the step. Values reach the host only at <see cref="Flush"/>, in one transfer.
/// </summary>
internal sealed class BatchProbe(optim.Optimizer optimizer) : IDisposable
{
    readonly IOptimizerTelemetrySource? telemetry = optimizer as IOptimizerTelemetrySource;
    readonly List<Tensor> pendingRows = [];
    readonly List<(long Step, int Epoch, double LearningRate, double Momentum)> pendingHost = [];

    /// <summary>EnhancedSGD's exploration rate at its latest controller decision flushed so far; null without a controller.</summary>
    public double? Epsilon { get; private set; }

    /// <summary>Steps recorded and not yet flushed.</summary>
    public int Pending => pendingHost.Count;

    /// <summary>Call after backward and before the optimizer's step.</summary>
    public void BeforeStep(long step, int epoch, IReadOnlyList<Tensor> gradients, Tensor loss)
    {
        var group = optimizer.ParamGroups.First();
        pendingHost.Add((step, epoch, group.LearningRate, Momentum(group)));
        if (telemetry is not null) return;

        using var scope = torch.NewDisposeScope();
        var moments = GradientStatistics.Compute(gradients);
        pendingRows.Add(torch.stack([loss.detach().to(ScalarType.Float64), moments.Mean, moments.Variance]).DetachFromDisposeScope());
    }

    /// <summary>Everything recorded since the last flush.</summary>
    public IReadOnlyList<BatchRecord> Flush()
    {
        var records = new List<BatchRecord>(pendingHost.Count);
        if (telemetry is not null)
        {
            var epochs = pendingHost.ToDictionary(h => h.Step, h => h.Epoch);
            var drained = telemetry.DrainTelemetry();
            Epsilon = drained.Decisions.LastOrDefault(d => d.Controller is not null)?.Controller!.Epsilon ?? Epsilon;
            foreach (var s in drained.Steps)
            {
                // The optimizer counts steps from 1 over the whole run, like the trainer.
                var epoch = epochs.TryGetValue(s.Step, out var e) ? e : pendingHost.LastOrDefault().Epoch;
                records.Add(new BatchRecord(s.Step, epoch, s.Loss, s.LearningRate, s.Momentum, s.GradScale,
                    s.GradientMean, s.GradientVariance, s.ClipFraction, s.VarianceLrFactor, s.LrScale, s.Spike ? 1 : 0));
            }
        }
        else if (pendingRows.Count > 0)
        {
            using var scope = torch.NewDisposeScope();
            var values = torch.stack(pendingRows).cpu().data<double>().ToArray();
            for (var i = 0; i < pendingHost.Count; i++)
            {
                var (step, epoch, lr, momentum) = pendingHost[i];
                records.Add(new BatchRecord(step, epoch, values[3 * i], lr, momentum, 1, values[3 * i + 1], values[3 * i + 2], 0));
            }
        }
        foreach (var row in pendingRows) row.Dispose();
        pendingRows.Clear();
        pendingHost.Clear();
        return records;
    }

    static double Momentum(optim.ILearningRateController group) => group switch
    {
        optim.IMomentum withMomentum => withMomentum.Momentum,
        optim.IBetas withBetas => withBetas.Betas.Item1,
        _ => 0,
    };

    public void Dispose()
    {
        foreach (var row in pendingRows) row.Dispose();
    }
}
