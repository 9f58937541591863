using GradRetentionNet.Reporting.Plots;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// The study's results as one Markdown page (docs/results.md) with its PNGs in a folder beside it
/// (docs/results/), generated from the study's output so that nothing on it is typed by hand, in
/// the order a reader asks: what produced it and on which data; the answer in sentences; the
/// verdicts; time to target with the final test metric; the performance profiles; the tuning
/// curves; which of EnhancedSGD's components help; and the original's setting reproduced.
/// </summary>
public static class ResultsPage
{
    /// <summary>Writes the page and its PNGs, replacing the previous ones only once all is written; returns the page's path.</summary>
    /// <param name="path">The page, e.g. docs/results.md; its PNGs go into the folder of the same name without ".md".</param>
    public static string Write(string path, ResultsPageData data)
    {
        using var staged = new StagedPage(path);
        return staged.Commit(Render(data, new PageImages(staged.StagedImages, staged.ImageFolderName)));
    }

    static string Render(ResultsPageData data, PageImages images)
    {
        var study = data.Study;
        var colours = new OptimizerColours(study.Optimizers);
        var page = new MarkdownDocument();
        HeaderSection.Write(page, data);
        SummarySection.Write(page, study, data.MajorityClasses ?? []);
        VerdictSection.Write(page, study);
        TimeToTargetSection.Write(page, study);
        ProfileSection.Write(page, study, images, colours);
        TuningSection.Write(page, study, images, colours);
        AblationSection.Write(page, study);
        OriginalSection.Write(page, data.Original, data.Provenance.OriginalSpec);
        return page.Render();
    }
}
