using System.CommandLine;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary>A verb that talks to a cluster through its HTTP API: --server and --token (or GRN_SERVER, GRN_TOKEN).</summary>
public abstract class ServerCommand : BaseCommand
{
    static readonly Option<string?> Server = new("--server") { Description = "a silo's HTTP address (default $GRN_SERVER, else http://127.0.0.1:5000)" };
    static readonly Option<string?> Token = new("--token") { Description = "the cluster's API token (default $GRN_TOKEN)" };

    protected ServerCommand(string name, string description) : base(name, description)
    {
        Options.Add(Server);
        Options.Add(Token);
    }

    internal static SweepApiClient Client(ParseResult parse)
    {
        var address = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("GRN_SERVER") ?? "http://127.0.0.1:5000";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
            throw new ArgumentException($"invalid --server '{address}': give an http(s) URL, e.g. http://silo-0:8080");
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("GRN_TOKEN");
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("no API token: set --token or GRN_TOKEN");
        return new SweepApiClient(server, token);
    }

    /// <summary>Counts per state, one line; a study's phase too.</summary>
    internal static void PrintStatus(SweepStatus status) =>
        AnsiConsole.MarkupLineInterpolated($"{status.Name}: {status.State.ToText()}{PhaseText(status)}, {status.Total} jobs: {CountsLine(status)}");

    /// <summary>", phase tune (1 of 2)" or ", phase evaluate (2 of 2)" for a study; empty for an ordinary sweep.</summary>
    internal static string PhaseText(SweepStatus status) => status.Phase switch
    {
        StudyPhase.Tune => ", phase tune (1 of 2)",
        StudyPhase.Evaluate => ", phase evaluate (2 of 2)",
        _ => "",
    };

    /// <summary>Every job state with its count, e.g. "3 completed, 1 running, 0 pending, ...".</summary>
    internal static string CountsLine(SweepStatus status) =>
        string.Join(", ", Shown.Select(state => $"{status.Count(state)} {state.ToText()}"));

    /// <summary>Every state, the outcomes first (completed, failed, diverged, cancelled, stopped early), then the rest.</summary>
    static readonly JobState[] Shown =
        [JobState.Completed, JobState.Failed, JobState.Diverged, JobState.Cancelled, JobState.StoppedEarly,
         .. JobStates.All.Except([JobState.Completed, JobState.Failed, JobState.Diverged, JobState.Cancelled, JobState.StoppedEarly])];

    /// <summary>Polls until the sweep has finished (or Ctrl-C), printing state changes.</summary>
    internal static async Task<SweepStatus> Watch(SweepApiClient client, SweepStatus status, CancellationToken cancellation)
    {
        var last = "";
        while (true)
        {
            var line = $"{status.State}{PhaseText(status)} {CountsLine(status)}";
            if (line != last) PrintStatus(status);
            last = line;
            if (status.State.IsFinished() || cancellation.IsCancellationRequested) return status;
            try
            {
                await Task.Delay(1000, cancellation);
            }
            catch (OperationCanceledException)
            {
                return status;
            }
            status = await client.Status(status.Name, withJobs: false);
        }
    }
}
