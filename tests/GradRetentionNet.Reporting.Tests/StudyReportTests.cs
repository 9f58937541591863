using System.Text.RegularExpressions;
using GradRetentionNet.Reporting.Tests.Fixtures;

namespace GradRetentionNet.Reporting.Tests;

/// <summary>The study report's HTML and files, without a browser.</summary>
public sealed class StudyReportTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("grn-study-html-").FullName;

    [Fact]
    public void The_verdicts_come_first_and_a_missed_target_reads_missed_and_infinite_ratios_read_infinity()
    {
        var study = new StudyFixture(Path.Combine(root, "runs"));

        var html = File.ReadAllText(StudyReport.Write(study.ReportFolder, study.Study, study.Results));

        var firstTable = Regex.Match(html, "<table.*?</table>", RegexOptions.Singleline).Value;
        firstTable.Should().Contain("<th>dataset</th><th>candidate</th>").And.Contain("On mnist-digits-10k, enhanced-sgd wins against adam");
        html.IndexOf("id=\"protocol\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("<table", StringComparison.Ordinal));
        html.Should().Contain("data-sort=\"Infinity\">missed</td>", "sgd never reached the target on mnist-digits-10k");
        html.Should().Contain("data-sort=\"Infinity\">∞</td>", "sgd's ratio in the profile table");
        html.Should().Contain("alt=\"validation metric per epoch on mnist-digits-10k\"").And.Contain("alt=\"training loss per step on fashion-mnist\"",
            "six epochs draw the epoch curve; three draw the per-step loss from batches.csv");
        Directory.GetFiles(study.ReportFolder, "*.png").Select(Path.GetFileName).Should().BeEquivalentTo(
            "tuning-mnist-digits-10k.png", "tuning-lr-mnist-digits-10k.png", "tuning-retention-mnist-digits-10k.png", "evaluation-mnist-digits-10k.png",
            "tuning-fashion-mnist.png", "tuning-lr-fashion-mnist.png", "tuning-retention-fashion-mnist.png", "evaluation-fashion-mnist.png",
            "profile-steps.png");
    }

    [Fact]
    public void Without_the_job_folders_the_report_draws_epoch_curves_from_the_results_and_links_no_job()
    {
        var study = new StudyFixture(Path.Combine(root, "runs"));
        Directory.Delete(Path.Combine(root, "runs"), recursive: true);
        var folder = Path.Combine(root, "report");

        var html = File.ReadAllText(StudyReport.Write(folder, study.Study, study.Results));

        Regex.Matches(html, "<a href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).Should().OnlyContain(href => href.StartsWith('#'), "only the contents link");
        html.Should().Contain("not beside the report").And.Contain("alt=\"validation metric per epoch on fashion-mnist\"");
        Directory.GetFiles(folder, "*.png").Should().HaveCount(9);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
