using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Reporting.Html;
using GradRetentionNet.Reporting.Plots;
using GradRetentionNet.Reporting.StudySections;
using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting;

/// <summary>
/// A study's report page (docs/study-protocol.md, "What is reported"), in the order a reader asks:
/// the protocol; the verdicts (the first table); per dataset the tuning curves, the tuning trials'
/// hyperparameters against their best validation value, the evaluation curves, the cells (chosen
/// configuration, final test metric over the evaluation seeds, time to target) and the paired
/// comparisons; then the performance profile with the AlgoPerf scores. Tables sort by any column;
/// rows link to their jobs' folders when those are reachable from the report's folder.
/// </summary>
public static class StudyReport
{
    /// <summary>Writes report.html and its PNGs into <paramref name="folder"/>; returns the HTML's path.</summary>
    /// <param name="folder">The report's folder (created if missing); links to job folders are relative to it.</param>
    /// <param name="study">The study's results. Job folders come from its <see cref="StudyJob.OutputDirectory"/> and
    /// <see cref="TuningTrial.OutputDirectory"/>: a job folder that does not exist gets no link, and its batches.csv is not read.</param>
    /// <param name="results">The jobs' results, matched to the study's jobs by id: the evaluation curves are drawn from them.</param>
    public static string Write(string folder, StudyResults study, IReadOnlyList<JobResult> results)
    {
        Directory.CreateDirectory(folder);
        var jobs = new StudyJobFolders(folder, results);
        var colours = new OptimizerColours(study.Optimizers);
        var selectBy = StudyText.SelectBy(study.Protocol);
        var page = new ReportPage($"Study {study.Study}");

        page.Section("Protocol");
        page.Facts(ProtocolFacts.Of(study));
        page.Section("Verdicts");
        page.Paragraph("Each candidate against the best baseline on each dataset, by the 95 % interval of the paired difference in final test metric over the evaluation seeds: it ties when the interval contains 0.");
        page.Table(VerdictTable.Of(study));

        foreach (var dataset in study.Datasets)
            DatasetSection(page, folder, study, dataset, jobs, colours, selectBy);

        page.Section("Performance profile");
        page.Paragraph("ρ(τ): the fraction of datasets on which an optimizer's median steps to target is within τ × the best optimizer's there; a miss never counts. The score is the area under ρ on [1, 4] over 3: 1 means the fastest everywhere.");
        PlotImages.Add(page, ProfilePlot.Of(study.ProfilesInSteps, study.Datasets.Count, colours), folder, "profile-steps.png",
            "performance profiles, steps to target");
        page.Table(ProfileTable.Of(study));
        return page.Write(folder);
    }

    static void DatasetSection(ReportPage page, string folder, StudyResults study, string dataset, StudyJobFolders jobs, OptimizerColours colours, string selectBy)
    {
        var cells = study.Cells.Where(c => c.Cell.Dataset == dataset).ToList();
        var trials = study.Tuning.Where(t => t.Dataset == dataset).ToList();
        var target = study.Targets.FirstOrDefault(t => t.Dataset == dataset)?.Value ?? study.Protocol.TargetValue;
        var file = PlotImages.FileNamePart(dataset);

        page.Section(dataset);
        var models = string.Join(", ", cells.Select(c => c.Model).Distinct());
        page.Paragraph($"Model {models}; target {(target is { } t ? $"{selectBy} {StudyText.Number(t)}" : "none")}; {trials.Count} tuning trials, {cells.Sum(c => c.EvaluationJobs.Count)} evaluation jobs.");

        page.Subsection("Tuning curves");
        PlotImages.Add(page, TuningCurvePlot.Of(dataset, trials, study.SelectGoal, selectBy, colours), folder, $"tuning-{file}.png",
            $"best {selectBy} so far against trial number on {dataset}");

        page.Subsection("Hyperparameters against best validation");
        foreach (var (name, plot) in HyperParameterPlots.Of(dataset, trials, cells, selectBy, colours))
            PlotImages.Add(page, plot, folder, $"tuning-{PlotImages.FileNamePart(name)}-{file}.png", $"{name} against best {selectBy} on {dataset}");
        page.Table(TuningTable.Of(trials, cells, jobs, selectBy), collapsedAs: $"all {trials.Count} tuning trials");

        page.Subsection("Evaluation curves");
        var evaluation = EvaluationCurvePlot.Of(dataset, cells, jobs, selectBy, !study.Protocol.SelectsHigher, target, colours);
        PlotImages.Add(page, evaluation.Plot, folder, $"evaluation-{file}.png", evaluation.Shows);

        page.Subsection("Final test metric and time to target");
        page.Table(CellTable.Of(cells, jobs, selectBy));

        page.Subsection("Paired comparisons");
        page.Table(ComparisonTable.Of(study.Comparisons.Where(c => c.Dataset == dataset)));
    }
}
