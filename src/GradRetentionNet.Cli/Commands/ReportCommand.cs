using System.CommandLine;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// <c>grn report &lt;sweep&gt;</c>: fetches the sweep's spec and job results from the cluster's API and
/// writes the HTML report (curves per optimizer with a band over seeds, the final-metric table with
/// confidence intervals, time-to-target) and aggregate.json into a local folder; for a study, its
/// verdicts, tables and study report.
/// </summary>
public sealed class ReportCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };
    static readonly Option<string?> Out = new("--out") { Description = "folder for report.html, its PNGs and aggregate.json (default reports/<sweep>)" };

    public ReportCommand() : base("report", "Write a sweep's HTML report with plots and its aggregate, from the cluster's results.")
    {
        Arguments.Add(Sweep);
        Options.Add(Out);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var sweep = parse.GetValue(Sweep)!;
        var folder = OutputFolder.Check(parse.GetValue(Out) ?? Path.Combine("reports", sweep));
        using var client = Client(parse);
        var data = await client.ReportData(sweep);
        if (data.Results.Count == 0) throw new ArgumentException($"sweep '{sweep}' has no finished epoch yet: nothing to report (see grn status {sweep})");
        var spec = SweepSpecParser.Parse(data.Spec, $"sweep '{sweep}'");
        // The results carry no folders; the status rows do (on the cluster's volume: linked where this machine sees it).
        var folders = (await client.Status(sweep, withJobs: true)).Jobs?.ToDictionary(j => j.JobId, j => j.OutputDirectory) ?? [];
        await ReportFiles.Write(spec, data.Results, folder, r => folders.GetValueOrDefault(r.JobId, ""));
        if (data.State == SweepState.Running) Console.WriteLine($"note: {sweep} is still running; the report shows the epochs finished so far");
        return ExitCodes.Success;
    }
}
