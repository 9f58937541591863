using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Optimizers.Catalog;
using GradRetentionNet.Training.Optimizers.Enhanced;
using TorchSharp;
using TorchSharp.Modules;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>
/// The batch rows say why EnhancedSGD's effective learning rate moved: f_var, the lr scale and
/// whether the loss-spike guard fired, from the optimizer's device telemetry.
/// </summary>
public sealed class BatchLrColumnsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-batch-lr-").FullName;

    [Fact]
    public void The_probe_writes_f_var_lr_scale_and_the_spike_flag_into_batches_csv()
    {
        // The near misses of EnhancedSgdSpikeGuardTests: the guard fires at steps 7, 10 and 12.
        double[] losses = [1.0, 1.02, 0.98, 1.0, 1.01, 0.99, 1.06, 1.0, 1.02, 1.09, 1.0, 1.3, 1.0];
        using var weight = new Parameter(torch.zeros(4));
        using var optimizer = OptimizerCatalog.Create("enhanced-sgd", [weight],
            new Dictionary<string, string> { ["interval"] = "3", ["epsilon"] = "0", ["clip"] = "none", ["noise_eta"] = "0", ["lr"] = "0.1" },
            new OptimizerContext(Seed: 1));
        using var probe = new BatchProbe(optimizer);
        using var slope = torch.tensor(new float[] { 1, -2, 3, -4 });
        for (var i = 0; i < losses.Length; i++)
        {
            optimizer.zero_grad();
            using (var objective = weight.mul(slope).sum()) objective.backward();
            using var loss = torch.tensor(losses[i]);
            probe.BeforeStep(i + 1, 1, [weight.grad!], loss);
            ((EnhancedSGD)optimizer).step(loss);
        }
        var rows = probe.Flush();

        rows.Where(r => r.Spike == 1).Select(r => r.Step).Should().Equal(7, 10, 12);
        rows.Should().OnlyContain(r => r.Spike == 0 || r.Spike == 1);
        // Step 12 is not a decision step (those are 4, 7, 10, 13): only the guard moved the scale.
        rows.Single(r => r.Step == 12).LrScale.Should().Be(rows.Single(r => r.Step == 11).LrScale / 2);
        rows.Should().OnlyContain(r => r.VarianceLrFactor > 0 && r.LrScale > 0);
        foreach (var row in rows)
            row.LearningRate.Should().BeApproximately(0.1 * row.VarianceLrFactor!.Value * row.LrScale!.Value, 1e-15);

        var output = new JobOutput(folder);
        output.AppendBatches(rows);
        File.ReadLines(output.BatchesCsvPath).First().Should().Be(
            "Step,Epoch,Loss,LearningRate,Momentum,GradScale,GradientMean,GradientVariance,ClipFraction,VarianceLrFactor,LrScale,Spike");
        File.ReadLines(output.BatchesCsvPath).Skip(7).First().Should().EndWith(",1", "step 7 fired");
        output.ReadBatches().Should().Equal(rows);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
