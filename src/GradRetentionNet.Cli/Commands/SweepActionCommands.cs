using System.CommandLine;
using GradRetentionNet.Contracts.Sweeps;

namespace GradRetentionNet.Cli.Commands;

/// <summary>A verb that applies one action to a named sweep and prints its status: <c>grn cancel</c>, <c>grn retry-failed</c>.</summary>
public sealed class SweepActionCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };
    readonly Func<SweepApiClient, string, Task<SweepStatus>> action;

    SweepActionCommand(string name, string description, Func<SweepApiClient, string, Task<SweepStatus>> action) : base(name, description)
    {
        this.action = action;
        Arguments.Add(Sweep);
    }

    /// <summary>Stops the jobs not finished; finished results stay.</summary>
    public static SweepActionCommand Cancel() => new("cancel", "Cancel a sweep's unfinished jobs.", (client, sweep) => client.Cancel(sweep));

    /// <summary>Runs the failed jobs again.</summary>
    public static SweepActionCommand RetryFailed() => new("retry-failed", "Run a sweep's failed jobs again.", (client, sweep) => client.RetryFailed(sweep));

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        using var client = Client(parse);
        PrintStatus(await action(client, parse.GetValue(Sweep)!));
        return ExitCodes.Success;
    }
}
