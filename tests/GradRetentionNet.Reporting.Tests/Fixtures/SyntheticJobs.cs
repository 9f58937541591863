using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Reporting.Tests.Fixtures;

/// <summary>
/// How an optimizer behaves on a dataset in the test data: the validation accuracy it levels off
/// at with its best learning rate, how many epochs it takes to get most of the way there, and how
/// fast accuracy falls away from the best learning rate (per decade², on log10 lr).
/// </summary>
public sealed record Behaviour(double Peak, double BestLearningRate, double EpochsToRise, double LearningRatePenalty = 0.06);

/// <summary>
/// Job results and batches.csv rows shaped like real training: accuracy rising towards a plateau
/// with seed noise, loss falling per step, steps and seconds cumulative per epoch. Written as real
/// job folders (result.json, epochs.csv, batches.csv) through <see cref="JobOutput"/>.
/// </summary>
public static class SyntheticJobs
{
    public const int StepsPerEpoch = 40;

    public static JobSpec Spec(string dataset, string optimizer, long seed, int epochs, IReadOnlyDictionary<string, string> hyperParameters) => new()
    {
        Dataset = dataset,
        Model = "simple-cnn",
        Optimizer = optimizer,
        Seed = seed,
        Epochs = epochs,
        BatchSize = 64,
        HyperParameters = new SortedDictionary<string, string>(hyperParameters.ToDictionary(), StringComparer.Ordinal),
        ValidationFraction = 0.1,
    };

    /// <summary>The accuracy a learning rate levels off at: the peak at the best lr, less for each decade away.</summary>
    public static double Plateau(Behaviour behaviour, double learningRate)
    {
        var decades = Math.Log10(learningRate) - Math.Log10(behaviour.BestLearningRate);
        return Math.Max(0.11, behaviour.Peak - behaviour.LearningRatePenalty * decades * decades);
    }

    /// <param name="plateau">The validation accuracy the run levels off at.</param>
    /// <param name="seedOffset">Shared by every optimizer on the same seed (data order, initialisation): what pairing removes.</param>
    /// <param name="epochsDone">Fewer than the spec's epochs for a trial stopped early or failed.</param>
    public static (JobResult Result, List<BatchRecord> Batches) Run(JobSpec spec, Behaviour behaviour, double plateau, double seedOffset,
        JobState state, int epochsDone, Random noise)
    {
        var result = new JobResult
        {
            JobId = spec.Id,
            Spec = spec,
            ResolvedHyperParameters = spec.HyperParameters,
            Environment = new RunEnvironment("cpu", "test", "linux", "10.0", "0.107.0", 2, 2),
            Dataset = new DatasetSummary(spec.Dataset, "mnist", "ImageClassification", 10, 9000, 2000, "test", ValidationExamples: 1000),
            Status = state,
            Error = state == JobState.Failed ? "the trainer's process exited with code 137" : null,
            StartedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        };
        var batches = new List<BatchRecord>();
        for (var epoch = 1; epoch <= epochsDone; epoch++)
        {
            var rise = 1 - Math.Exp(-epoch / behaviour.EpochsToRise);
            var validation = Math.Clamp(plateau * rise + seedOffset + Gaussian(noise, 0.002), 0, 1);
            var test = Math.Clamp(validation + 0.003 + Gaussian(noise, 0.002), 0, 1);
            for (var i = 1; i <= StepsPerEpoch; i++)
            {
                var step = (epoch - 1) * StepsPerEpoch + i;
                var progress = step / (behaviour.EpochsToRise * StepsPerEpoch);
                var floor = 1.2 * (1 - plateau) + 0.05;
                var loss = (2.3 - floor) * Math.Exp(-1.5 * progress) + floor + Math.Abs(Gaussian(noise, 0.04));
                batches.Add(new BatchRecord(step, epoch, loss, 0.01, 0.9, 1, Gaussian(noise, 1e-4), 1e-3 * Math.Exp(-progress), 0));
            }
            var trainLoss = batches.TakeLast(StepsPerEpoch).Average(b => b.Loss);
            result.Epochs.Add(new EpochRecord(epoch, epoch * StepsPerEpoch, trainLoss, 1.1 * (1 - test) + 0.05, test, null, null,
                2.5 + Math.Abs(Gaussian(noise, 0.2)), 0.4, 310L << 20, null, null, 1.1 * (1 - validation) + 0.06, validation));
        }
        result.Steps = batches.Count;
        result.FinishedAt = result.StartedAt.AddSeconds(3 * epochsDone);
        return (result, batches);
    }

    /// <summary>Writes result.json, epochs.csv and (when given) batches.csv into the job's folder.</summary>
    public static void WriteFolder(string folder, JobResult result, IReadOnlyList<BatchRecord>? batches)
    {
        var output = new JobOutput(folder);
        Directory.CreateDirectory(output.Directory);
        if (batches is not null) result.BatchesCsvBytes = output.AppendBatches(batches);
        output.Write(result);
    }

    public static double Gaussian(Random random, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
