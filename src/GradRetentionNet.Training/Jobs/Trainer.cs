using System.Diagnostics;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data;
using GradRetentionNet.Training.Optimizers;
using GradRetentionNet.Training.Optimizers.Catalog;
using TorchSharp;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// Runs one job end to end: builds model and optimizer from the spec, trains epoch by epoch,
/// validates (with a validation split) and tests after each epoch, appends the epoch's batch rows,
/// checkpoints and writes results after each epoch, and resumes from the job folder's checkpoint
/// when there is one. A failing job ends as Failed (or Diverged) with its results written; it
/// never throws once training has started.
/// </summary>
public sealed class Trainer(JobSpec spec, TrainingData data, JobOutput output)
{
    /// <summary>Steps between reads of the device (losses, statistics, divergence check).</summary>
    const int FlushInterval = 25;

    /// <summary>Called with the model after the last epoch, for Grad-CAM and the like; failures are recorded, not thrown.</summary>
    public Action<ITaskModel, JobResult, Device>? AfterTraining { get; init; }

    /// <summary>Called after each epoch's results and checkpoint are on disk.</summary>
    public Action<EpochRecord>? EpochCompleted { get; init; }

    /// <summary>Called on the training thread after each flush that read steps back from the device (for live metrics).</summary>
    public Action<FlushedSteps>? StepsFlushed { get; init; }

    /// <summary>Reads GPU memory by CUDA device index (NVML in a silo); null: not measured. Only asked when training on CUDA.</summary>
    public Func<int, GpuMemoryReading?>? GpuMemory { get; init; }

    /// <summary>Seconds the caller spent loading <c>data</c>: recorded in the result's <see cref="JobResult.Phases"/>.</summary>
    public double DataLoadSeconds { get; init; }


    /// <param name="suspend">Hand-back request (the silo is shutting down): the job stops after the batch in progress,
    /// checkpoints there and ends as <see cref="JobState.Suspended"/>; run again, it resumes at the next batch.</param>
    public JobResult Run(IProgress<JobProgress>? progress = null, CancellationToken cancellation = default, CancellationToken suspend = default)
    {
        var setup = Stopwatch.StartNew();
        spec.Validate();
        TensorMemoryRetention.Apply();
        var hyperParameters = OptimizerCatalog.Resolve(spec.Optimizer, spec.HyperParameters);
        ModelCatalog.Validate(spec.Model, data.Info.Task);
        var device = DeviceSelector.Resolve(spec.Device);

        torch.manual_seed(spec.Seed);
        using var model = ModelCatalog.Create(spec.Model,
            new ModelContext(data.Info, ExampleShape(data.Train), data.Encoder?.VocabularySize ?? 0, spec.ModelDirectory));
        model.Module.to(device);
        var batchesPerEpoch = (data.Train.Count + spec.BatchSize - 1) / spec.BatchSize;
        using var optimizer = OptimizerCatalog.Create(spec.Optimizer, model.Module.parameters(), spec.HyperParameters,
            new OptimizerContext(spec.Seed, batchesPerEpoch * spec.Epochs));

        var result = JobCheckpoint.TryLoad(output.CheckpointPath, spec.Id, model.Module, optimizer);
        if (result is null) result = NewResult(hyperParameters, device, model);
        else result.Resumes.Add(new ResumeRecord(result.Epochs.Count, result.Steps, DateTimeOffset.UtcNow));
        var phases = result.Phases ??= new JobPhases();
        phases.DataLoadSeconds += DataLoadSeconds;
        var batches = new BatchLog(output, result);
        batches.Restore();
        phases.SetupSeconds += setup.Elapsed.TotalSeconds;
        result.Status = JobState.Running;
        using var probe = new BatchProbe(optimizer);
        try
        {
            for (var epoch = result.Epochs.Count + 1; epoch <= spec.Epochs; epoch++)
            {
                if (suspend.IsCancellationRequested)
                {
                    result.Status = JobState.Suspended; // the last epoch's checkpoint is the hand-back point
                    break;
                }
                var outcome = TrainEpoch(epoch, batchesPerEpoch, model, optimizer, probe, batches, result, device, progress, cancellation, suspend, out var trainSeconds);
                if (outcome == EpochOutcome.Suspended)
                {
                    result.PartialEpochTrainSeconds += trainSeconds;
                    result.Status = JobState.Suspended;
                    phases.ResultWriteSeconds += Timed(batches.Write);
                    phases.CheckpointSeconds += Timed(() => JobCheckpoint.Save(output.CheckpointPath, result, model.Module, optimizer));
                    break;
                }
                if (outcome == EpochOutcome.Diverged) break;
                trainSeconds += result.PartialEpochTrainSeconds;
                result.PartialEpochTrainSeconds = 0;
                // The validation pass's time is not kept: EpochRecord has no field for it, and TestSeconds stays the test pass's.
                var validationSeconds = 0.0;
                var validation = data.Validation is null ? null : Evaluate(data.Validation, "validation", model, device, epoch, progress, cancellation, out validationSeconds);
                phases.ValidationSeconds += validationSeconds;
                var evaluation = Evaluate(data.Test, "test", model, device, epoch, progress, cancellation, out var testSeconds);
                var gpu = device.type == DeviceType.CUDA ? GpuMemory?.Invoke(device.index) : null;
                result.Epochs.Add(new EpochRecord(epoch, result.Steps, batches.FinishEpoch(), evaluation.Loss,
                    evaluation.Accuracy, evaluation.MeanIoU, evaluation.PixelAccuracy, trainSeconds, testSeconds,
                    Environment.WorkingSet, gpu?.UsedBytes, gpu?.PeakBytes, validation?.Loss, validation?.PrimaryMetric));
                // Rows, then the checkpoint that records how long batches.csv now is, then the results: a
                // crash between two of these leaves rows past the checkpoint, which the resume cuts off.
                phases.ResultWriteSeconds += Timed(batches.Write);
                phases.CheckpointSeconds += Timed(() => JobCheckpoint.Save(output.CheckpointPath, result, model.Module, optimizer));
                phases.ResultWriteSeconds += Timed(() => output.Write(result));
                EpochCompleted?.Invoke(result.Epochs[^1]);
            }
            if (result.Status == JobState.Running)
            {
                result.Status = JobState.Completed;
                phases.AfterTrainingSeconds += Timed(() => RunAfterTraining(model, result, device));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            result.Status = JobState.Cancelled;
        }
        catch (Exception e)
        {
            result.Status = JobState.Failed;
            result.Error = $"{e.GetType().Name}: {e.Message}";
        }
        result.FinishedAt = DateTimeOffset.UtcNow;
        // The rows of an epoch cut short (diverged, failed, cancelled); past the checkpoint, so a resume redoes them.
        phases.ResultWriteSeconds += Timed(batches.Write);
        output.Write(result); // its own time cannot be in the file it writes
        return result;
    }

    static double Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    // Extras after training (Grad-CAM) must not turn a finished job into a failed one.
    void RunAfterTraining(ITaskModel model, JobResult result, Device device)
    {
        try
        {
            model.Module.eval();
            AfterTraining?.Invoke(model, result, device);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.Warnings.Add($"after training: {e.GetType().Name}: {e.Message}");
        }
    }

    enum EpochOutcome { Finished, Diverged, Suspended }

    /// <summary>One pass over the training split (the rest of it, after a mid-epoch suspension).</summary>
    EpochOutcome TrainEpoch(int epoch, long batchesPerEpoch, ITaskModel model, optim.Optimizer optimizer, BatchProbe probe,
        BatchLog batches, JobResult result, Device device, IProgress<JobProgress>? progress, CancellationToken cancellation, CancellationToken suspend,
        out double seconds)
    {
        model.Module.train();
        var clock = Stopwatch.StartNew();
        var sinceFlush = Stopwatch.StartNew();
        // The order of an epoch depends on the seed and the epoch only, so a resumed job
        // shuffles exactly as an uninterrupted one and can skip the batches it already trained on.
        using var shuffle = new Generator(unchecked((ulong)SeedStreams.Derive(spec.Seed, (ulong)epoch)));
        var parameters = model.Module.parameters().ToList();
        var alreadyTrained = result.PartialEpochSteps;
        long batchIndex = 0;
        double? lastLoss = null;
        foreach (var batch in data.Train.Batches(spec.BatchSize, device, shuffle))
        {
            cancellation.ThrowIfCancellationRequested();
            if (batchIndex < alreadyTrained)
            {
                batch.Dispose();
                batchIndex++;
                continue;
            }
            if (suspend.IsCancellationRequested)
            {
                batch.Dispose();
                var trained = Flush(probe, batches, result, ref lastLoss, sinceFlush);
                seconds = clock.Elapsed.TotalSeconds;
                return trained ? EpochOutcome.Suspended : EpochOutcome.Diverged;
            }
            using (batch)
            using (torch.NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = model.Loss(model.Forward(batch), batch);
                loss.backward();
                var step = result.Steps + probe.Pending + 1;
                probe.BeforeStep(step, epoch, parameters.Select(p => p.grad).OfType<Tensor>().ToList(), loss);
                if (optimizer is ILossObserver observer) observer.ObserveLoss(loss);
                optimizer.step();
            }
            batchIndex++;
            if (batchIndex % FlushInterval == 0 || batchIndex == batchesPerEpoch)
            {
                if (!Flush(probe, batches, result, ref lastLoss, sinceFlush))
                {
                    seconds = clock.Elapsed.TotalSeconds;
                    return EpochOutcome.Diverged;
                }
            }
            progress?.Report(new JobProgress(epoch, spec.Epochs, batchIndex, batchesPerEpoch, "train", lastLoss, result.FinalMetric));
        }
        var finite = Flush(probe, batches, result, ref lastLoss, sinceFlush);
        seconds = clock.Elapsed.TotalSeconds;
        return finite ? EpochOutcome.Finished : EpochOutcome.Diverged;
    }

    /// <summary>Moves the probe's records into the batch log; false (and status Diverged) at a non-finite loss.</summary>
    bool Flush(BatchProbe probe, BatchLog batches, JobResult result, ref double? lastLoss, Stopwatch sinceFlush)
    {
        var records = probe.Flush();
        if (records.Count > 0) StepsFlushed?.Invoke(new FlushedSteps(records, sinceFlush.Elapsed, probe.Epsilon));
        sinceFlush.Restart();
        foreach (var record in records)
        {
            batches.Add(record);
            if (double.IsFinite(record.Loss))
            {
                lastLoss = record.Loss;
                continue;
            }
            result.Status = JobState.Diverged;
            result.DivergedAtStep ??= record.Step;
        }
        return result.Status != JobState.Diverged;
    }

    /// <summary>
    /// One pass over <paramref name="split"/> in eval mode without gradients: the test pass and the
    /// validation pass are the same code, so their figures are computed alike. Reported as <paramref name="phase"/>.
    /// </summary>
    EvaluationResult Evaluate(IDataSplit split, string phase, ITaskModel model, Device device, int epoch, IProgress<JobProgress>? progress,
        CancellationToken cancellation, out double seconds)
    {
        model.Module.eval();
        var clock = Stopwatch.StartNew();
        var evaluation = model.StartEvaluation();
        var batchSize = EvaluationBatch.Size(spec.TestBatchSize, device);
        var batches = (split.Count + batchSize - 1) / batchSize;
        long index = 0;
        using (torch.no_grad())
        {
            foreach (var batch in split.Batches(batchSize, device))
            {
                cancellation.ThrowIfCancellationRequested();
                using (batch)
                using (torch.NewDisposeScope())
                {
                    var logits = model.Forward(batch);
                    evaluation.Add(logits, batch, model.Loss(logits, batch));
                }
                progress?.Report(new JobProgress(epoch, spec.Epochs, ++index, batches, phase, null, null));
            }
        }
        var result = evaluation.Finish();
        (evaluation as IDisposable)?.Dispose();
        seconds = clock.Elapsed.TotalSeconds;
        return result;
    }

    static long[] ExampleShape(IDataSplit split)
    {
        using var scope = torch.NewDisposeScope();
        var first = split.Batches(1, torch.CPU).FirstOrDefault()
                    ?? throw new ArgumentException("the training split is empty");
        using (first) return first.Input.shape[1..];
    }

    JobResult NewResult(HyperParameterValues hyperParameters, Device device, ITaskModel model) => new()
    {
        JobId = spec.Id,
        Spec = spec,
        ResolvedHyperParameters = hyperParameters.Values,
        Environment = new RunEnvironment(device.ToString(), Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            Environment.Version.ToString(), typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown", torch.get_num_threads(), Environment.ProcessorCount),
        Dataset = new DatasetSummary(data.Info.Name, data.Info.Family, data.Info.Task.ToString(), data.Info.Classes, data.Train.Count, data.Test.Count, data.Info.Source,
            data.Validation?.Count ?? 0),
        ModelParameters = model.Module.parameters().Sum(p => p.numel()),
        StartedAt = DateTimeOffset.UtcNow,
    };
}
