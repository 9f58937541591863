using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// An ordinary sweep run in the original's setting: per optimizer (and configuration), its final
/// test metric over seeds and its rank among the sweep's optimizers on the same dataset, as the
/// sweep aggregation computes them (on the test metric, whatever the spec's own metric is: the
/// original published test accuracy).
/// </summary>
public sealed record OriginalReproduction(SweepSpec Spec, RunFacts Run, IReadOnlyList<ReproducedOptimizer> Optimizers)
{
    // The hyperparameters the original's setup names; others (EnhancedSGD's many) are defaults that would bury them.
    static readonly string[] NamedSettings = ["lr", "momentum", "weight_decay"];

    public static OriginalReproduction Of(SweepSpec spec, IReadOnlyList<JobResult> results)
    {
        var aggregate = Aggregator.Aggregate(results, MetricChoice.TestMetric, null);
        var ranks = aggregate.Rankings.SelectMany(r => r.Entries.Select(e => (e.Group, Rank: (int?)e.Rank, Ranked: r.Entries.Count)))
            .ToDictionary(e => e.Group, e => (e.Rank, e.Ranked));
        var optimizers = aggregate.Groups
            .Select(g => (Group: g, Place: ranks.GetValueOrDefault(g.Key, (null, 0))))
            .Select(p => new ReproducedOptimizer(p.Group.Key.Dataset, p.Group.Key.Model, p.Group.Key.Optimizer, Settings(p.Group.Key, results),
                p.Group.Counts.Total, p.Group.Final, p.Place.Rank, p.Place.Ranked))
            .OrderBy(o => spec.Datasets.ToList().IndexOf(o.Dataset)).ThenBy(o => o.Model, StringComparer.Ordinal)
            .ThenBy(o => o.Rank ?? int.MaxValue).ThenBy(o => o.Optimizer, StringComparer.Ordinal)
            .ToList();
        return new(spec, RunFacts.Of(results, spec.Datasets), optimizers);
    }

    /// <summary>"lr=0.01, momentum=0.9": the grid's values and the named settings the jobs resolved (defaults filled in).</summary>
    static string Settings(GroupKey group, IReadOnlyList<JobResult> results)
    {
        var resolved = results.FirstOrDefault(r => r.Spec.Dataset == group.Dataset && r.Spec.Model == group.Model
            && r.Spec.Optimizer == group.Optimizer && GridPoint.From(r.Spec.HyperParameters).Equals(group.GridPoint))?.ResolvedHyperParameters;
        var keys = group.GridPoint.Values.Select(v => v.Key).Concat(NamedSettings).Distinct().ToList();
        var shown = keys.Where(k => resolved?.ContainsKey(k) == true).Select(k => $"{k}={resolved![k]}").ToList();
        return shown.Count > 0 ? string.Join(", ", shown) : group.GridPoint.Values.Count > 0 ? group.GridPoint.Canonical : "defaults";
    }
}

/// <summary>One optimizer and configuration of the reproducing sweep on one dataset and model.</summary>
/// <param name="Jobs">Its jobs, one per seed, whatever their state.</param>
/// <param name="Final">The final test metric over the seeds that completed; null when none did.</param>
/// <param name="Rank">1 for the best mean on its dataset and model (equal means share a rank); null without a completed seed.</param>
/// <param name="Ranked">How many were ranked there.</param>
public sealed record ReproducedOptimizer(string Dataset, string Model, string Optimizer, string Settings, int Jobs, SampleSummary? Final, int? Rank, int Ranked);
