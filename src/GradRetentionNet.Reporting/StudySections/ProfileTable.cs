using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>
/// The AlgoPerf scores, from time to target in steps and in seconds, with each dataset's ratio to
/// the best optimizer there (∞: missed, or every optimizer missed).
/// </summary>
internal static class ProfileTable
{
    public static ReportTable Of(StudyResults study)
    {
        var columns = new List<ReportColumn>
        {
            new("optimizer"),
            new("score (steps)", ColumnKind.Number, "(1/(r_max − 1)) ∫₁^r_max ρ(τ) dτ, r_max = 4; 1 is the best on every dataset"),
            new("score (seconds)", ColumnKind.Number),
        };
        columns.AddRange(study.Datasets.Select(d => new ReportColumn($"{d} ratio", ColumnKind.Number, $"median steps to target on {d} over the best optimizer's")));
        var table = new ReportTable(columns);
        var inSeconds = study.ProfilesInSeconds.ToDictionary(p => p.Optimizer);
        foreach (var profile in study.ProfilesInSteps.OrderByDescending(p => p.Score))
        {
            var cells = new List<ReportCell>
            {
                ReportCell.Of(profile.Optimizer),
                ReportCell.Number(profile.Score, "F3"),
                ReportCell.Number(inSeconds.GetValueOrDefault(profile.Optimizer)?.Score, "F3"),
            };
            cells.AddRange(study.Datasets.Select(d => ReportCell.Number(profile.Ratios.TryGetValue(d, out var ratio) ? ratio : null, "F2")));
            table.Add(cells);
        }
        return table;
    }
}
