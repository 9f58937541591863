namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// Every paired comparison of a study: each candidate against each baseline on each dataset where
/// both have seeds, with Holm's correction applied across all of them. The t-test and Wilcoxon
/// p-values are corrected as two separate families of the same size: they are two tests of the
/// same hypotheses, not extra hypotheses, so pooling them would double m for no reason.
/// </summary>
public static class StudyComparisons
{
    public static IReadOnlyList<PairedComparison> Compare(IEnumerable<SeedMetric> seeds, IReadOnlyList<string> candidates, GoalDirection goal)
    {
        var byCell = seeds.GroupBy(s => s.Cell).ToDictionary(g => g.Key, g => g.ToList());
        var datasets = byCell.Keys.Select(c => c.Dataset).Distinct();
        var raw = (
            from dataset in datasets
            from candidate in candidates
            from baseline in StudyBaselines.Names
                // A baseline named as a candidate is not compared with itself: every difference would be 0.
            where !string.Equals(candidate, baseline, StringComparison.OrdinalIgnoreCase)
            let candidateCell = new StudyCell(dataset, candidate)
            let baselineCell = byCell.Keys.FirstOrDefault(c => c.Dataset == dataset
                && string.Equals(c.Optimizer, baseline, StringComparison.OrdinalIgnoreCase))
            where byCell.ContainsKey(candidateCell) && baselineCell is not null
            select PairedComparison.Of(dataset, candidate, baselineCell.Optimizer,
                byCell[candidateCell], byCell[baselineCell], goal)).ToList();

        var tTestAdjusted = HolmCorrection.Adjust(raw.Select(c => c.TTest.PValue).ToList());
        var wilcoxonAdjusted = HolmCorrection.Adjust(raw.Select(c => c.Wilcoxon.PValue).ToList());
        return raw.Select((c, i) => c with { TTestHolmPValue = tTestAdjusted[i], WilcoxonHolmPValue = wilcoxonAdjusted[i] }).ToList();
    }
}
