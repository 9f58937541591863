using System.Diagnostics;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Training.Jobs;
using GradRetentionNet.Training.Optimizers.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Bench.DataPipeline;

/// <summary>
/// Measures one dataset: loads it as a job would, then alternates, round by round, a pass of the
/// loader alone (shuffled batches made and dropped) with a pass of training on the same batches
/// (forward, backward, SGD step), so both meet the same machine load.
/// </summary>
public static class PipelineMeasurement
{
    public static PipelineFigures Run(PipelineCase pipelineCase, int rounds, int batchesPerPass, string? dataRoot)
    {
        var spec = new JobSpec
        {
            Dataset = pipelineCase.Dataset, Model = JobDataLoader.DefaultModel(pipelineCase.Dataset), Optimizer = "sgd",
            BatchSize = pipelineCase.BatchSize, MaxTrainSamples = pipelineCase.MaxTrainSamples, MaxTestSamples = 16, Device = "cpu", GradCamSamples = 0,
        };
        using var data = JobDataLoader.Load(spec, dataRoot);
        torch.manual_seed(1);
        using var model = ModelCatalog.Create(spec.Model, new ModelContext(data.Info, ExampleShape(data.Train), data.Encoder?.VocabularySize ?? 0));
        using var optimizer = OptimizerCatalog.Create(spec.Optimizer, model.Module.parameters(), spec.HyperParameters, new OptimizerContext(1));
        model.Module.train();

        Pass(data.Train, spec.BatchSize, batchesPerPass, null, 0); // warm-up: first-call costs out of the figures
        Pass(data.Train, spec.BatchSize, batchesPerPass, (model, optimizer), 0);
        var figures = new List<RoundRates>();
        long batches = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var (loaderBatches, loaderSeconds) = Pass(data.Train, spec.BatchSize, batchesPerPass, null, round);
            var (trainSteps, trainSeconds) = Pass(data.Train, spec.BatchSize, batchesPerPass, (model, optimizer), round);
            figures.Add(new RoundRates(loaderBatches / loaderSeconds, trainSteps / trainSeconds));
            batches = loaderBatches;
        }
        return new PipelineFigures(pipelineCase, spec.Model, batches, figures);
    }

    // Up to `limit` shuffled batches (cycling through the split when it has fewer), with training when a model is given.
    static (long Batches, double Seconds) Pass(IDataSplit split, int batchSize, int limit, (ITaskModel Model, optim.Optimizer Optimizer)? training, int round)
    {
        using var shuffle = new Generator((ulong)(1000 + round));
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (count < limit)
        {
            foreach (var batch in split.Batches(batchSize, CPU, shuffle))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    if (training is var (model, optimizer))
                    {
                        optimizer.zero_grad();
                        model.Loss(model.Forward(batch), batch).backward();
                        optimizer.step();
                    }
                }
                if (++count == limit) break;
            }
        }
        return (count, clock.Elapsed.TotalSeconds);
    }

    static long[] ExampleShape(IDataSplit split)
    {
        using var first = split.Batches(1, CPU).First();
        return first.Input.shape[1..];
    }
}
