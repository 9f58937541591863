using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;
using TorchSharp;

namespace GradRetentionNet.Training.Tests.Jobs;

public sealed class TrainerTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-trainer-").FullName;

    static JobSpec Spec(string optimizer = "sgd", int epochs = 2, Dictionary<string, string>? hyperParameters = null) => new()
    {
        Dataset = "synthetic-quadrants", Model = "simple-cnn", Optimizer = optimizer, Seed = 7, Epochs = epochs,
        BatchSize = 32, TestBatchSize = 64, Device = "cpu", HyperParameters = hyperParameters ?? [],
    };

    static TrainingData Data(int failAtBatch = -1) =>
        new(QuadrantImages.Info, QuadrantImages.Create(512, 1, failAtBatch), QuadrantImages.Create(128, 2));

    JobResult Run(JobSpec spec, TrainingData data, string name = "job", IProgress<JobProgress>? progress = null, CancellationToken cancel = default)
    {
        using (data) return new Trainer(spec, data, Output(name)).Run(progress, cancel);
    }

    JobOutput Output(string name = "job") => new(Path.Combine(folder, name));

    [Fact]
    public void A_job_trains_tests_and_writes_its_results()
    {
        var result = Run(Spec(), Data());

        result.Status.Should().Be(JobState.Completed);
        result.Epochs.Select(e => e.Epoch).Should().Equal(1, 2);
        result.Steps.Should().Be(32);
        var batches = Output().ReadBatches();
        batches.Select(b => b.Step).Should().Equal(Enumerable.Range(1, 32).Select(i => (long)i));
        batches.Should().OnlyContain(b => b.LearningRate == 0.01 && b.Momentum == 0.9 && b.GradientVariance > 0 && double.IsFinite(b.Loss));
        batches.Should().OnlyContain(b => b.VarianceLrFactor == null && b.LrScale == null && b.Spike == null, "SGD has none of EnhancedSGD's factors");
        result.Epochs[^1].TestAccuracy.Should().BeGreaterThan(0.9, "the quadrant task is easy for a CNN");
        result.Epochs.Should().OnlyContain(e => e.TrainSeconds > 0 && e.TestSeconds > 0 && e.ProcessMemoryBytes > 0);
        result.ModelParameters.Should().Be(421_642 - 6 * 129, "SimpleCNN with 4 classes");

        var output = Output();
        output.Read().Should().BeEquivalentTo(result, o => o.Excluding(r => r.Spec.HyperParameters));
        File.ReadLines(output.EpochsCsvPath).Should().HaveCount(3);
        File.ReadLines(output.BatchesCsvPath).Should().HaveCount(33);
        result.BatchesCsvBytes.Should().Be(new FileInfo(output.BatchesCsvPath).Length);
        File.Exists(output.CheckpointPath).Should().BeTrue();
    }

    [Fact]
    public void EnhancedSGD_telemetry_fills_the_batch_records()
    {
        var result = Run(Spec("enhanced-sgd", epochs: 1), Data());
        result.Status.Should().Be(JobState.Completed);
        var batches = Output().ReadBatches();
        batches.Should().HaveCount(16);
        batches.Should().OnlyContain(b => b.LearningRate > 0 && b.Momentum >= 0.5 && b.ClipFraction >= 0 && b.GradientVariance > 0);
        result.ResolvedHyperParameters.Should().ContainKey("controller_gamma");
        result.ResolvedHyperParameters.Should().Contain("spike_rule", "deviation");

        // Why the effective lr moved: lr · f_var · lr_scale, f_var = 1 before the first decision.
        batches.Should().OnlyContain(b => b.VarianceLrFactor >= 0.5 && b.VarianceLrFactor <= 1.5 && b.LrScale > 0 && (b.Spike == 0 || b.Spike == 1));
        foreach (var batch in batches)
            batch.LearningRate.Should().BeApproximately(0.01 * batch.VarianceLrFactor!.Value * batch.LrScale!.Value, 1e-15);
        batches.Take(10).Should().OnlyContain(b => b.VarianceLrFactor == 1 && b.LrScale == 1 && b.Spike == 0, "nothing acts in the first K = 10 steps");
        batches.Skip(10).Select(b => b.VarianceLrFactor).Distinct().Should().ContainSingle("f_var changes only at decisions: one in 16 steps")
            .Which.Should().NotBe(1);
        File.ReadLines(Output().BatchesCsvPath).First().Should().EndWith(",ClipFraction,VarianceLrFactor,LrScale,Spike");
    }

    [Fact]
    public void A_cancelled_job_resumes_from_its_checkpoint_exactly()
    {
        var uninterrupted = Run(Spec("enhanced-sgd", epochs: 3), Data(), "uninterrupted");

        using var cancel = new CancellationTokenSource();
        var stopInEpochTwo = new SynchronousProgress(p => { if (p.Epoch == 2 && p.Batch == 3) cancel.Cancel(); });
        var first = Run(Spec("enhanced-sgd", epochs: 3), Data(), "resumed", stopInEpochTwo, cancel.Token);
        first.Status.Should().Be(JobState.Cancelled);
        first.Epochs.Should().HaveCount(1);

        var resumed = Run(Spec("enhanced-sgd", epochs: 3), Data(), "resumed");
        resumed.Status.Should().Be(JobState.Completed);
        resumed.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy))
            .Should().Equal(uninterrupted.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)));
        Output("resumed").ReadBatches().Should().Equal(Output("uninterrupted").ReadBatches());
        File.ReadAllBytes(Output("resumed").BatchesCsvPath).Should().Equal(File.ReadAllBytes(Output("uninterrupted").BatchesCsvPath));
    }

    [Fact]
    public void A_job_suspended_mid_epoch_checkpoints_there_and_resumes_at_the_next_batch_exactly()
    {
        var uninterrupted = Run(Spec("enhanced-sgd", epochs: 2), Data(), "uninterrupted");

        using var suspend = new CancellationTokenSource();
        var handBackInEpochOne = new SynchronousProgress(p => { if (p is { Epoch: 1, Batch: 5, Phase: "train" }) suspend.Cancel(); });
        JobResult first;
        using (var data = Data())
            first = new Trainer(Spec("enhanced-sgd", epochs: 2), data, new JobOutput(Path.Combine(folder, "handed-back")))
                .Run(handBackInEpochOne, suspend: suspend.Token);
        first.Status.Should().Be(JobState.Suspended);
        first.Epochs.Should().BeEmpty();
        first.Steps.Should().Be(5, "the batch in progress finishes, then the job checkpoints");
        first.PartialEpochSteps.Should().Be(5);
        Output("handed-back").ReadBatches().Select(b => b.Step).Should().Equal(1, 2, 3, 4, 5);
        first.PartialEpochTrainSeconds.Should().BeGreaterThan(0);

        var resumed = Run(Spec("enhanced-sgd", epochs: 2), Data(), "handed-back");
        resumed.Status.Should().Be(JobState.Completed);
        resumed.Resumes.Should().ContainSingle().Which.Should().Match<ResumeRecord>(r => r.Epoch == 0 && r.Step == 5);
        Output("handed-back").ReadBatches().Should().Equal(Output("uninterrupted").ReadBatches(), "each step once, none repeated after the resume");
        File.ReadAllBytes(Output("handed-back").BatchesCsvPath).Should().Equal(File.ReadAllBytes(Output("uninterrupted").BatchesCsvPath));
        resumed.Epochs.Select(e => (e.Steps, e.TrainLoss, e.TestLoss, e.TestAccuracy))
            .Should().Equal(uninterrupted.Epochs.Select(e => (e.Steps, e.TrainLoss, e.TestLoss, e.TestAccuracy)));
        resumed.PartialEpochTrainSeconds.Should().Be(0, "the suspended part was added to epoch 1's time");
        resumed.PartialEpochSteps.Should().Be(0);
    }

    [Fact]
    public void A_diverging_job_stops_at_the_step_the_loss_stopped_being_finite()
    {
        var result = Run(Spec(hyperParameters: new() { ["lr"] = "1e12", ["momentum"] = "0.99" }), Data());
        result.Status.Should().Be(JobState.Diverged);
        result.DivergedAtStep.Should().NotBeNull();
        var batches = Output().ReadBatches();
        batches.Single(b => b.Step == result.DivergedAtStep).Loss.Should().Match(l => !double.IsFinite(l));
        batches.Where(b => b.Step < result.DivergedAtStep).Should().OnlyContain(b => double.IsFinite(b.Loss));
        batches.Should().HaveCount((int)result.Steps);
        Output().Read().Status.Should().Be(JobState.Diverged);
    }

    [Fact]
    public void A_failing_job_reports_failure_instead_of_throwing()
    {
        var result = Run(Spec(), Data(failAtBatch: 3));
        result.Status.Should().Be(JobState.Failed);
        result.Error.Should().Be("IOException: the disk went away (injected)");
        Output().Read().Status.Should().Be(JobState.Failed);
    }

    [Fact]
    public void Bad_specs_are_refused_before_anything_runs()
    {
        var wrongModel = () => Run(Spec() with { Model = "resnet" }, Data());
        wrongModel.Should().Throw<ArgumentException>().WithMessage("unknown model 'resnet': use one of simple-cnn*");
        var badOptimizer = () => Run(Spec(hyperParameters: new() { ["lr"] = "-1" }), Data());
        badOptimizer.Should().Throw<ArgumentException>().WithMessage("optimizer 'sgd': lr = -1 is out of range: must be > 0");
        var badDevice = () => Run(Spec() with { Device = "tpu" }, Data());
        badDevice.Should().Throw<ArgumentException>().WithMessage("invalid device 'tpu': use auto, cpu or cuda:N");
        Directory.Exists(Path.Combine(folder, "job")).Should().BeFalse("nothing is written for a refused spec");
    }

    [Fact]
    public void The_job_id_depends_on_what_changes_the_result_only()
    {
        Spec().Id.Should().Be(Spec().Id).And.HaveLength(12);
        (Spec() with { Device = "cuda:0" }).Id.Should().Be(Spec().Id);
        (Spec() with { Seed = 8 }).Id.Should().NotBe(Spec().Id);
        Spec(hyperParameters: new() { ["lr"] = "0.1" }).Id.Should().NotBe(Spec().Id);
    }

    [Fact]
    public void Twenty_jobs_in_one_process_do_not_grow_memory_without_bound()
    {
        var resident = new List<long>();
        for (var job = 0; job < 20; job++)
        {
            Run(Spec("enhanced-sgd", epochs: 1) with { Seed = job }, Data(), $"job{job}");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            resident.Add(Environment.WorkingSet);
        }
        // After warm-up (allocator pools, JIT), later jobs must not keep what earlier ones used.
        var growth = resident[^1] - resident[4];
        growth.Should().BeLessThan(40L << 20, $"resident set by job: {string.Join(", ", resident.Select(r => r >> 20))} MiB");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
