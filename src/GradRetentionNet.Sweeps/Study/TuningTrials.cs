using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Search;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// The tuning phase's jobs as <see cref="TuningTrial"/> rows, per workload and optimizer in the
/// spec's order, then by trial and seed. A configuration's trial number is its place in
/// <see cref="SearchConfigurations.For"/>, the plan's own order, so the tuning curve runs in the
/// order the budget was spent; a configuration the plan does not list (a result from an older
/// spec) is numbered after the planned ones, in the order its results come.
/// </summary>
public static class TuningTrials
{
    /// <param name="tuneResults">The study's tuning-phase results; results of other workloads or optimizers are ignored.</param>
    /// <param name="folderOf">Each job's output folder.</param>
    public static IReadOnlyList<TuningTrial> Of(SweepSpec spec, IReadOnlyList<StudyWorkload> workloads,
        IEnumerable<JobResult> tuneResults, Func<JobResult, string> folderOf)
    {
        var protocol = spec.Protocol ?? throw new ArgumentException($"sweep '{spec.Name}' is not a study: its spec has no protocol");
        var results = tuneResults.ToList();
        var trials = new List<TuningTrial>();
        foreach (var optimizer in spec.Optimizers)
        {
            var planned = SearchConfigurations.For(spec, optimizer);
            foreach (var workload in workloads)
            {
                var cell = results.Where(r => workload.Runs(r.Spec) && r.Spec.Optimizer == optimizer).ToList();
                trials.AddRange(OfCell(workload.Name, optimizer, cell, planned, protocol, folderOf));
            }
        }
        var workloadOrder = workloads.Select(w => w.Name).ToList();
        var optimizerOrder = spec.Optimizers.ToList();
        return trials.OrderBy(t => workloadOrder.IndexOf(t.Dataset)).ThenBy(t => optimizerOrder.IndexOf(t.Optimizer))
            .ThenBy(t => t.Trial).ThenBy(t => t.Seed).ToList();
    }

    /// <summary>
    /// A configuration's selection value: the median over its tuning seeds of each trial's best
    /// validation value, over the trials that have one; null when none does.
    /// </summary>
    public static double? SelectionValueOf(IEnumerable<TuningTrial> trialsOfOneConfiguration) =>
        StudyMedian.Of(trialsOfOneConfiguration.Where(t => t.BestValidation is not null).Select(t => t.BestValidation!.Value));

    static IEnumerable<TuningTrial> OfCell(string workload, string optimizer, IReadOnlyList<JobResult> results,
        IReadOnlyList<IReadOnlyDictionary<string, string>> planned, ProtocolSpec protocol, Func<JobResult, string> folderOf)
    {
        var numbers = planned.Select((configuration, i) => (Key: Canonical(configuration), Number: i + 1))
            .ToDictionary(p => p.Key, p => p.Number);
        foreach (var result in results)
            numbers.TryAdd(Canonical(result.Spec.HyperParameters), numbers.Count + 1);

        var trials = results.Select(r => new TuningTrial(workload, optimizer, numbers[Canonical(r.Spec.HyperParameters)],
            r.Spec.HyperParameters, r.Spec.Seed, r.Status, SelectionFigure.BestOf(r, protocol), null, r.JobId, folderOf(r))).ToList();
        return WithBestSoFar(trials, SelectionFigure.Goal(protocol));
    }

    /// <summary>
    /// Fills in <see cref="TuningTrial.BestSoFar"/>: for trial number k, the best selection value
    /// among configurations 1…k, so every seed of a configuration shows the same point of the tuning
    /// curve and its last point is the best selection value of the cell (with one tuning seed, simply
    /// the best validation so far).
    /// </summary>
    static IEnumerable<TuningTrial> WithBestSoFar(IReadOnlyList<TuningTrial> trials, GoalDirection goal)
    {
        var bestSoFar = new Dictionary<int, double?>();
        double? best = null;
        foreach (var configuration in trials.GroupBy(t => t.Trial).OrderBy(g => g.Key))
        {
            if (SelectionValueOf(configuration) is { } value)
                best = best is { } previous ? goal.Best([previous, value]) : value;
            bestSoFar[configuration.Key] = best;
        }
        return trials.Select(t => t with { BestSoFar = bestSoFar[t.Trial] });
    }

    static string Canonical(IReadOnlyDictionary<string, string> configuration) => GridPoint.From(configuration).Canonical;
}
