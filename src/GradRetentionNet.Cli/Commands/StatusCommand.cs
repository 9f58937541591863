using System.CommandLine;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn status &lt;sweep&gt; [--watch] [--jobs]</c>.</summary>
public sealed class StatusCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };
    static readonly Option<bool> WatchOption = new("--watch") { Description = "follow the sweep until it ends" };
    static readonly Option<bool> JobsOption = new("--jobs") { Description = "also list every job: state, attempts, epochs, silo, where it resumed" };

    public StatusCommand() : base("status", "Show a sweep's progress.")
    {
        Arguments.Add(Sweep);
        Options.Add(WatchOption);
        Options.Add(JobsOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        using var client = Client(parse);
        var jobs = parse.GetValue(JobsOption);
        var status = await client.Status(parse.GetValue(Sweep)!, withJobs: jobs);
        if (parse.GetValue(WatchOption)) status = await Watch(client, status, cancellation);
        else PrintStatus(status);
        if (jobs) JobTable.Write(jobs && status.Jobs is null ? await client.Status(status.Name, withJobs: true) : status);
        // A sweep that ended without a result (every job failed, or stopped by failures) is an error for scripts.
        return status.State is SweepState.Failed or SweepState.Stopped ? ExitCodes.Failed : ExitCodes.Success;
    }
}
