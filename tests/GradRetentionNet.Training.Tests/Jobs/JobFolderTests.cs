using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>
/// What a job's folder holds as the job goes on: batches.csv grows by appends, one row a step;
/// result.json and the checkpoint grow by the epoch, not by the batch; a crash leaves nothing a
/// resume cannot set right.
/// </summary>
public sealed class JobFolderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-job-folder-").FullName;

    static JobSpec Spec(int epochs) => new()
    {
        Dataset = "synthetic-quadrants", Model = "simple-cnn", Optimizer = "sgd", Seed = 11, Epochs = epochs,
        BatchSize = 32, TestBatchSize = 128, Device = "cpu",
    };

    /// <summary>Batches of 32: 512 examples make 16 steps an epoch; 1024 make 32, read off the device after 25 and 32.</summary>
    static TrainingData Data(int examples) => new(QuadrantImages.Info, QuadrantImages.Create(examples, 1), QuadrantImages.Create(128, 2));

    JobOutput Output(string name) => new(Path.Combine(folder, name));

    static IEnumerable<long> Steps(int count) => Enumerable.Range(1, count).Select(i => (long)i);

    [Fact]
    public void Batch_rows_are_appended_while_result_and_checkpoint_grow_by_the_epoch_not_by_the_batch()
    {
        var output = Output("job");
        var resultSizes = new List<long>();
        var checkpointSizes = new List<long>();
        var batchesCsv = new List<byte[]>();
        FileStream? openSinceEpochOne = null;
        try
        {
            JobResult result;
            using (var data = Data(512))
                result = new Trainer(Spec(epochs: 4), data, output)
                {
                    EpochCompleted = _ =>
                    {
                        resultSizes.Add(new FileInfo(output.ResultPath).Length);
                        checkpointSizes.Add(new FileInfo(output.CheckpointPath).Length);
                        batchesCsv.Add(File.ReadAllBytes(output.BatchesCsvPath));
                        // A file moved over batches.csv later (a rewrite) would leave this handle on the old one.
                        openSinceEpochOne ??= new FileStream(output.BatchesCsvPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    },
                }.Run();

            result.Status.Should().Be(JobState.Completed);
            openSinceEpochOne!.Length.Should().Be(new FileInfo(output.BatchesCsvPath).Length, "epoch 1's batches.csv is the one appended to since");
            for (var epoch = 1; epoch < batchesCsv.Count; epoch++)
                batchesCsv[epoch][..batchesCsv[epoch - 1].Length].Should().Equal(batchesCsv[epoch - 1], "epoch {0} adds rows after the earlier ones", epoch + 1);
            batchesCsv.Select(bytes => bytes.Count(b => b == '\n')).Should().Equal(1 + 16, 1 + 32, 1 + 48, 1 + 64);

            // 16 batch rows in JSON would add about 4 KB an epoch; an epoch record adds about 400 bytes.
            Growth(resultSizes).Should().OnlyContain(bytes => bytes > 0 && bytes < 1024, "result.json grows by one epoch record");
            Growth(checkpointSizes).Should().OnlyContain(bytes => bytes > 0 && bytes < 1024, "the checkpoint grows by one epoch record");
            using (var json = JsonDocument.Parse(File.ReadAllText(output.ResultPath)))
            {
                json.RootElement.TryGetProperty("batches", out _).Should().BeFalse();
                json.RootElement.GetProperty("steps").GetInt64().Should().Be(64);
                json.RootElement.GetProperty("batches_csv_bytes").GetInt64().Should().Be(batchesCsv[^1].Length);
            }

            var rows = output.ReadBatches();
            rows.Select(b => b.Step).Should().Equal(Steps(64));
            result.Epochs.Select(e => e.TrainLoss).Should().Equal(rows.GroupBy(b => b.Epoch).Select(g => g.Average(b => b.Loss)),
                "an epoch's train loss is the mean of its rows, summed as they came");
        }
        finally
        {
            openSinceEpochOne?.Dispose();
        }
    }

    [Fact]
    public void Rows_past_the_checkpoint_are_cut_off_when_the_job_resumes_so_each_step_keeps_one_row()
    {
        using (var data = Data(1024)) new Trainer(Spec(epochs: 2), data, Output("uninterrupted")).Run();

        // Cancelled in epoch 2 after its first read-back: 25 rows past epoch 1's checkpoint reach batches.csv...
        var output = Output("crashed");
        using var cancel = new CancellationTokenSource();
        var stopInEpochTwo = new SynchronousProgress(p => { if (p is { Epoch: 2, Batch: 27, Phase: "train" }) cancel.Cancel(); });
        using (var data = Data(1024))
            new Trainer(Spec(epochs: 2), data, output).Run(stopInEpochTwo, cancel.Token).Status.Should().Be(JobState.Cancelled);
        File.ReadLines(output.BatchesCsvPath).Should().HaveCount(1 + 32 + 25);
        // ...and a crash in the middle of appending more leaves half a row after them.
        File.AppendAllText(output.BatchesCsvPath, "58,2,0.2718");

        JobResult resumed;
        using (var data = Data(1024)) resumed = new Trainer(Spec(epochs: 2), data, output).Run();

        resumed.Status.Should().Be(JobState.Completed);
        resumed.Resumes.Should().ContainSingle().Which.Should().Match<ResumeRecord>(r => r.Epoch == 1 && r.Step == 32);
        output.ReadBatches().Select(b => b.Step).Should().Equal(Steps(64));
        File.ReadAllBytes(output.BatchesCsvPath).Should().Equal(File.ReadAllBytes(Output("uninterrupted").BatchesCsvPath));
        resumed.Epochs.Select(e => (e.Steps, e.TrainLoss, e.TestLoss, e.TestAccuracy)).Should().Equal(
            Output("uninterrupted").Read().Epochs.Select(e => (e.Steps, e.TrainLoss, e.TestLoss, e.TestAccuracy)));
    }

    [Fact]
    public void A_batches_csv_shorter_than_its_checkpoint_says_is_refused_with_what_to_do()
    {
        var output = Output("job");
        using var cancel = new CancellationTokenSource();
        var stopInEpochTwo = new SynchronousProgress(p => { if (p is { Epoch: 2, Batch: 1 }) cancel.Cancel(); });
        using (var data = Data(512)) new Trainer(Spec(epochs: 2), data, output).Run(stopInEpochTwo, cancel.Token);
        var recorded = output.Read().BatchesCsvBytes;
        File.WriteAllText(output.BatchesCsvPath, "Step,Epoch");

        var resume = () =>
        {
            using var data = Data(512);
            new Trainer(Spec(epochs: 2), data, output).Run();
        };

        resume.Should().Throw<InvalidDataException>().WithMessage(
            $"{output.BatchesCsvPath} holds 10 bytes, fewer than the {recorded} its checkpoint counted: " +
            "delete checkpoint.bin to train this job from the start, or use another output folder");
    }

    static IEnumerable<long> Growth(List<long> sizes) => sizes.Zip(sizes.Skip(1), (before, after) => after - before);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
