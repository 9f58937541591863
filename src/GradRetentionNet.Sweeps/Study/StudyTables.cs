using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Tables;

namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// A study's results as flat tables for export, one row per verdict, cell, comparison, optimizer
/// profile or tuning trial. A configuration is written as its canonical text ("lr=0.01,momentum=0.9",
/// keys in ordinal order); a time to target that was missed is +∞ (see each writer for how its
/// format spells it); enums are lower-case words as in the project's JSON.
/// </summary>
public static class StudyTables
{
    /// <summary>The tables in the order a report reads them: the verdicts first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["verdicts", "cells", "comparisons", "profiles", "tuning"];

    public static IReadOnlyList<ExportTable> All(StudyResults study) =>
        [Verdicts(study), Cells(study), Comparisons(study), Profiles(study), Tuning(study)];

    /// <exception cref="ArgumentException">No table has that name.</exception>
    public static ExportTable Named(StudyResults study, string name) =>
        All(study).FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown table '{name}': use one of {string.Join(", ", Names)}");

    /// <summary>Per dataset and candidate, against the best baseline; the difference and p-values are that comparison's.</summary>
    public static ExportTable Verdicts(StudyResults study) =>
        ExportTable.Of("verdicts", study.Verdicts.Select(v => (Verdict: v, Best: v.Against.FirstOrDefault(c => c.Baseline == v.BestBaseline))))
            .Text("dataset", r => r.Verdict.Dataset)
            .Text("candidate", r => r.Verdict.Candidate)
            .Text("best_baseline", r => r.Verdict.BestBaseline)
            .Text("verdict", r => JobJson.EnumText(r.Verdict.Verdict))
            .Integer("pairs", r => r.Best?.Pairs)
            .Number("mean_difference", r => r.Best?.TTest.MeanDifference)
            .Number("ci_lower", r => r.Best?.TTest.Interval?.Lower)
            .Number("ci_upper", r => r.Best?.TTest.Interval?.Upper)
            .Number("t_holm_p", r => r.Best?.TTestHolmPValue)
            .Number("wilcoxon_holm_p", r => r.Best?.WilcoxonHolmPValue)
            .Text("sentence", r => r.Verdict.Sentence)
            .Build();

    /// <summary>
    /// Per dataset × optimizer: the choice, the final test metric over evaluation seeds (failed
    /// seeds, diverged included, left out and counted), and time to target (median over the
    /// finished seeds, +∞ when at least half missed; null without a target or a finished seed).
    /// </summary>
    public static ExportTable Cells(StudyResults study) =>
        ExportTable.Of("cells", study.Cells)
            .Text("dataset", c => c.Cell.Dataset)
            .Text("model", c => c.Model)
            .Text("optimizer", c => c.Cell.Optimizer)
            .Text("chosen", c => c.Chosen is null ? null : GridPoint.From(c.Chosen).Canonical)
            .Number("selection_value", c => c.SelectionValue)
            .Integer("tuned_configurations", c => c.TunedConfigurations)
            .Integer("n", c => c.Final.Count)
            .Number("mean", c => c.Final.Summary?.Mean)
            .Number("sd", c => c.Final.Summary?.StandardDeviation)
            .Number("median", c => c.Final.Median)
            .Number("ci_lower", c => c.Final.Summary?.Interval?.Lower)
            .Number("ci_upper", c => c.Final.Summary?.Interval?.Upper)
            .Integer("failed_seeds", c => c.Final.FailedSeeds)
            .Number("target", c => c.Time.Target)
            .Number("median_steps_to_target", c => c.Time.MedianSteps)
            .Number("median_seconds_to_target", c => c.Time.MedianSeconds)
            .Integer("reached_target", c => c.Time.Target is null ? null : c.Time.Reached)
            .Integer("finished_seeds", c => c.Time.FinishedSeeds)
            .Build();

    /// <summary>Every candidate against every baseline, p-values raw and Holm-corrected across the study.</summary>
    public static ExportTable Comparisons(StudyResults study) =>
        ExportTable.Of("comparisons", study.Comparisons)
            .Text("dataset", c => c.Dataset)
            .Text("candidate", c => c.Candidate)
            .Text("baseline", c => c.Baseline)
            .Integer("pairs", c => c.Pairs)
            .Integer("dropped_seeds", c => c.DroppedSeeds)
            .Number("mean_difference", c => c.TTest.MeanDifference)
            .Number("ci_lower", c => c.TTest.Interval?.Lower)
            .Number("ci_upper", c => c.TTest.Interval?.Upper)
            .Number("t", c => c.TTest.T)
            .Number("t_p", c => c.TTest.PValue)
            .Number("t_holm_p", c => c.TTestHolmPValue)
            .Number("wilcoxon_p", c => c.Wilcoxon.PValue)
            .Number("wilcoxon_holm_p", c => c.WilcoxonHolmPValue)
            .Text("verdict", c => JobJson.EnumText(c.Verdict))
            .Build();

    /// <summary>Per optimizer, the AlgoPerf score of its performance profile in steps and in seconds.</summary>
    public static ExportTable Profiles(StudyResults study) =>
        ExportTable.Of("profiles", study.Optimizers)
            .Text("optimizer", o => o)
            .Number("score_steps", o => study.ProfilesInSteps.FirstOrDefault(p => p.Optimizer == o)?.Score)
            .Number("score_seconds", o => study.ProfilesInSeconds.FirstOrDefault(p => p.Optimizer == o)?.Score)
            .Build();

    /// <summary>Every tuning trial with its best validation value and the tuning curve's best so far.</summary>
    public static ExportTable Tuning(StudyResults study) =>
        ExportTable.Of("tuning", study.Tuning)
            .Text("dataset", t => t.Dataset)
            .Text("optimizer", t => t.Optimizer)
            .Integer("trial", t => t.Trial)
            .Text("hyperparameters", t => GridPoint.From(t.HyperParameters).Canonical)
            .Integer("seed", t => t.Seed)
            .Text("state", t => t.State.ToText())
            .Number("best_validation", t => t.BestValidation)
            .Number("best_so_far", t => t.BestSoFar)
            .Text("job_id", t => t.JobId)
            .Text("output_directory", t => t.OutputDirectory)
            .Build();
}
