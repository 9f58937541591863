using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>The top of a study's page: what was compared and how (docs/study-protocol.md).</summary>
internal static class ProtocolFacts
{
    public static IReadOnlyList<(string Term, string Value)> Of(StudyResults study)
    {
        var protocol = study.Protocol;
        var selectBy = StudyText.SelectBy(protocol);
        var baselines = study.Optimizers.Where(StudyBaselines.IsBaseline).ToList();
        var budget = study.Cells.GroupBy(c => c.Cell.Optimizer)
            .Select(g => $"{g.Key} {string.Join("/", g.Select(c => c.TunedConfigurations).Distinct())}");
        return
        [
            ("datasets", string.Join(", ", study.Datasets)),
            ("candidates", study.Candidates.Count == 0 ? "none" : string.Join(", ", study.Candidates)),
            ("baselines", baselines.Count == 0 ? "none" : string.Join(", ", baselines)),
            ("tuning seeds", StudyText.Seeds(protocol.TuneSeeds)),
            ("evaluation seeds", StudyText.Seeds(protocol.EvaluateSeeds)),
            ("configurations tuned", string.Join(", ", budget)),
            ("select_by", $"{protocol.SelectBy} ({StudyText.Goal(study.SelectGoal)}): each optimizer's configuration with the best median, over tuning seeds, of its best {selectBy}"),
            ("target", Target(study, selectBy)),
            ("final metric", "the test metric of each evaluation seed's last epoch (higher is better)"),
        ];
    }

    static string Target(StudyResults study, string selectBy)
    {
        if (study.Protocol.TargetValue is { } fixedValue) return $"{selectBy} {StudyText.Number(fixedValue)}, fixed in the spec";
        var perDataset = study.Targets.Select(t => t.Value is { } value
            ? $"{t.Dataset} {StudyText.Number(value)} (over {t.BaselineSeeds} baseline seeds)"
            : $"{t.Dataset} none (no finished baseline seed)");
        return $"from the baselines: the median over their evaluation seeds of each seed's best {selectBy}: {string.Join("; ", perDataset)}";
    }
}
