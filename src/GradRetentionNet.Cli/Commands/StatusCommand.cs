using System.CommandLine;

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
        var status = await client.Status(parse.GetValue(Sweep)!);
        if (parse.GetValue(WatchOption)) status = await Watch(client, status, cancellation);
        else PrintStatus(status);
        if (parse.GetValue(JobsOption)) JobTable.Write(status);
        return ExitCodes.Success;
    }
}
