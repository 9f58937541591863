using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Tests.Aggregation;

/// <summary>Builds job results directly, without training.</summary>
static class Results
{
    static readonly RunEnvironment Environment = new("cpu", "test", "linux", "10.0", "0.107.0", 1, 1);
    static readonly DatasetSummary Mnist = new("mnist", "mnist", "classification", 10, 60000, 10000, "test");

    /// <summary>Train 10 s + test 2 s per epoch unless given.</summary>
    public static EpochRecord Epoch(int epoch, double accuracy, double testLoss = 1.0, double trainLoss = 1.0,
        double trainSeconds = 10, double testSeconds = 2) =>
        new(epoch, 100, trainLoss, testLoss, accuracy, null, null, trainSeconds, testSeconds, 0, null, null);

    public static JobResult Job(string optimizer, long seed, params EpochRecord[] epochs) =>
        Job(optimizer, seed, JobState.Completed, epochs);

    public static JobResult Job(string optimizer, long seed, JobState status, params EpochRecord[] epochs) =>
        Job("mnist", optimizer, seed, status, new Dictionary<string, string>(), epochs);

    public static JobResult Job(string dataset, string optimizer, long seed, JobState status,
        IReadOnlyDictionary<string, string> hyperParameters, params EpochRecord[] epochs)
    {
        var spec = new JobSpec
        {
            Dataset = dataset, Model = "simple-cnn", Optimizer = optimizer, Seed = seed, HyperParameters = hyperParameters,
        };
        return new JobResult
        {
            JobId = spec.Id, Spec = spec, ResolvedHyperParameters = hyperParameters, Environment = Environment,
            Dataset = Mnist, Status = status, Epochs = [.. epochs],
        };
    }

    /// <summary>One completed single-epoch job per value, seeds 1, 2, …, with the value as accuracy.</summary>
    public static IEnumerable<JobResult> Finals(string optimizer, params double[] accuracies) =>
        accuracies.Select((a, i) => Job(optimizer, i + 1, Epoch(1, a)));

    /// <summary>As <see cref="Finals"/>, with the value as test loss.</summary>
    public static IEnumerable<JobResult> Losses(string optimizer, params double[] losses) =>
        losses.Select((l, i) => Job(optimizer, i + 1, Epoch(1, 0.5, testLoss: l)));
}
