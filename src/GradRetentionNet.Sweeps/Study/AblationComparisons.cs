namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// Which of EnhancedSGD's components help: on each dataset, the full design paired with each of
/// its ablations present (<see cref="StudyAblations"/>) over matched evaluation seeds. The
/// ablations are a family of their own, apart from the comparisons with the baselines: Holm's
/// correction runs across every ablation comparison of the study, the t-test and Wilcoxon
/// p-values as two families of the same size (as in <see cref="StudyComparisons"/>).
/// </summary>
public static class AblationComparisons
{
    /// <param name="seeds">Every evaluation seed's final metric in the study.</param>
    /// <param name="optimizers">The study's optimizers, in the order the comparisons are listed per dataset.</param>
    /// <returns>Per dataset (in the order the seeds name them), per ablation; none on a dataset without the full design.</returns>
    public static IReadOnlyList<AblationComparison> Compare(IEnumerable<SeedMetric> seeds, IReadOnlyList<string> optimizers, GoalDirection goal)
    {
        var byCell = seeds.GroupBy(s => s.Cell).ToDictionary(g => g.Key, g => g.ToList());
        var raw = (
            from dataset in byCell.Keys.Select(c => c.Dataset).Distinct()
            let fullDesign = new StudyCell(dataset, StudyAblations.FullDesign)
            where byCell.ContainsKey(fullDesign)
            from ablation in optimizers.Where(StudyAblations.IsAblation)
            let ablationCell = new StudyCell(dataset, ablation)
            where byCell.ContainsKey(ablationCell)
            select AblationComparison.Of(dataset, ablation, byCell[ablationCell], byCell[fullDesign], goal)).ToList();

        var tTestAdjusted = HolmCorrection.Adjust(raw.Select(c => c.Paired.TTest.PValue).ToList());
        var wilcoxonAdjusted = HolmCorrection.Adjust(raw.Select(c => c.Paired.Wilcoxon.PValue).ToList());
        return raw.Select((c, i) => c with
        {
            Paired = c.Paired with { TTestHolmPValue = tTestAdjusted[i], WilcoxonHolmPValue = wilcoxonAdjusted[i] },
        }).ToList();
    }
}
