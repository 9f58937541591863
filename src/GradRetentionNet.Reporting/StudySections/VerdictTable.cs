using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.StudySections;

/// <summary>The table a study's page opens with: per dataset and candidate, its verdict against the best baseline, in a sentence.</summary>
internal static class VerdictTable
{
    public static ReportTable Of(StudyResults study)
    {
        var table = new ReportTable(
        [
            new("dataset"), new("candidate"),
            new("best baseline", Description: "the baseline with the best mean final test metric on this dataset"),
            new("verdict", Description: "by the 95 % interval of the paired difference: ties when it contains 0"),
            new("sentence", ColumnKind.Prose),
        ]);
        foreach (var verdict in study.Verdicts)
        {
            var word = StudyText.Word(verdict.Verdict);
            table.Add(ReportCell.Of(verdict.Dataset), ReportCell.Of(verdict.Candidate), ReportCell.Of(verdict.BestBaseline),
                new ReportCell(word, Tone: word), ReportCell.Of(verdict.Sentence));
        }
        return table;
    }
}
