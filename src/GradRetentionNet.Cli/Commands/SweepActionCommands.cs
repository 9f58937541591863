using System.CommandLine;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn cancel &lt;sweep&gt;</c>: stops the jobs not finished; finished results stay.</summary>
public sealed class CancelCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };

    public CancelCommand() : base("cancel", "Cancel a sweep's unfinished jobs.") => Arguments.Add(Sweep);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        using var client = Client(parse);
        PrintStatus(await client.Cancel(parse.GetValue(Sweep)!));
        return ExitCodes.Success;
    }
}

/// <summary><c>grn retry-failed &lt;sweep&gt;</c>: runs the failed jobs again.</summary>
public sealed class RetryFailedCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };

    public RetryFailedCommand() : base("retry-failed", "Run a sweep's failed jobs again.") => Arguments.Add(Sweep);

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        using var client = Client(parse);
        PrintStatus(await client.RetryFailed(parse.GetValue(Sweep)!));
        return ExitCodes.Success;
    }
}
