using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Sweeps;

/// <summary>One job of a sweep: its hyperparameter configuration, and its spec (whose id is the job id).</summary>
/// <param name="Spec">The job to run.</param>
/// <param name="GridPoint">
/// The configuration's hyperparameter values (a grid point, or a random or quasi-random trial; empty
/// for defaults only), e.g. lr=0.01. The name stays from when every sweep was a grid.
/// </param>
public sealed record SweepJob(JobSpec Spec, IReadOnlyDictionary<string, string> GridPoint)
{
    /// <summary>Deterministic from the resolved configuration: resubmitting never duplicates work.</summary>
    public string Id => Spec.Id;
}
