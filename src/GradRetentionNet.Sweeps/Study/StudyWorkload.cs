using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A workload of a study: a dataset with the model trained on it. <see cref="Name"/> is what the
/// study's tables call it: the dataset alone, as the protocol does, unless the spec trains several
/// models, when "dataset/model" keeps each model's seeds apart (one cell holding two models' runs
/// of a seed would pair that seed with itself).
/// </summary>
public sealed record StudyWorkload(string Name, string Dataset, string Model)
{
    /// <summary>Every workload of the spec, in the order it plans them: dataset, then model.</summary>
    public static IReadOnlyList<StudyWorkload> Of(SweepSpec spec)
    {
        var severalModels = spec.Models is { Count: > 1 };
        return (from dataset in spec.Datasets
                from model in spec.Models ?? [JobDataLoader.DefaultModel(dataset)]
                select new StudyWorkload(severalModels ? $"{dataset}/{model}" : dataset, dataset, model)).ToList();
    }

    public bool Runs(JobSpec job) => job.Dataset == Dataset && job.Model == Model;
}
