using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Study.Protocol;

/// <summary>
/// A study's two plans. The tuning phase is the spec's sweep (its seeds are the tuning seeds); the
/// evaluation phase re-runs each choice, at the spec's full length, on every evaluation seed. Both
/// phases' jobs live in the study's folder; their seeds are disjoint, so are their job ids.
/// </summary>
public static class StudyPlan
{
    public static IReadOnlyList<PlannedJob> Tune(SweepSpec spec, string outputRoot) => SweepExpander.Plan(spec, outputRoot);

    /// <summary>The evaluation jobs of <paramref name="choices"/>: per choice, one job per evaluation seed, in that order.</summary>
    public static IReadOnlyList<PlannedJob> Evaluate(SweepSpec spec, IReadOnlyList<StudyChoice> choices, string outputRoot)
    {
        var protocol = spec.Protocol ?? throw new ArgumentException($"sweep '{spec.Name}' has no protocol: it is not a study");
        var planned = new List<PlannedJob>(choices.Count * protocol.EvaluateSeeds.Count);
        foreach (var choice in choices)
            foreach (var seed in protocol.EvaluateSeeds)
            {
                var job = SweepExpander.JobOf(spec, choice.Dataset, choice.Model, choice.Optimizer, choice.HyperParameters, seed);
                var id = job.Id;
                planned.Add(new PlannedJob(planned.Count, id, job, PlannedJob.GridPointText(choice.HyperParameters), PlannedJob.FolderOf(outputRoot, spec.Name, job, id)));
            }
        return planned;
    }

    /// <summary>How many evaluation jobs the study can have at most (every optimizer chosen on every dataset and model).</summary>
    public static long MaxEvaluationJobs(SweepSpec spec) =>
        spec.Protocol is { } protocol ? (long)spec.Datasets.Count * (spec.Models?.Count ?? 1) * spec.Optimizers.Count * protocol.EvaluateSeeds.Count : 0;
}
