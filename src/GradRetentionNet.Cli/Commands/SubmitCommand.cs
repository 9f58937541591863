using System.CommandLine;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn submit &lt;spec&gt; [--watch]</c>: hands a sweep to a cluster.</summary>
public sealed class SubmitCommand : ServerCommand
{
    static readonly Argument<string> Spec = new("spec") { Description = "sweep spec (YAML)" };
    static readonly Option<bool> WatchOption = new("--watch") { Description = "follow the sweep until it ends" };

    public SubmitCommand() : base("submit", "Submit a sweep to a cluster through its HTTP API.")
    {
        Arguments.Add(Spec);
        Options.Add(WatchOption);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var path = parse.GetValue(Spec)!;
        var yaml = SweepSpecParser.ReadText(path);
        using var client = Client(parse);
        var status = await client.Submit(yaml);
        PrintStatus(status);
        if (!parse.GetValue(WatchOption)) return ExitCodes.Success;
        status = await Watch(client, status, cancellation);
        return ExitCodes.Of(status.State, cancellation.IsCancellationRequested);
    }
}
