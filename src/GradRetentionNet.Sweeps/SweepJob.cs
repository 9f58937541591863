using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps;

/// <summary>One job of a sweep: where it sits in the grid, and its spec (whose id is the job id).</summary>
/// <param name="Spec">The job to run.</param>
/// <param name="GridPoint">The grid's hyperparameter values for this job (empty without a grid), e.g. lr=0.01.</param>
public sealed record SweepJob(JobSpec Spec, IReadOnlyDictionary<string, string> GridPoint)
{
    /// <summary>Deterministic from the resolved configuration: resubmitting never duplicates work.</summary>
    public string Id => Spec.Id;
}
