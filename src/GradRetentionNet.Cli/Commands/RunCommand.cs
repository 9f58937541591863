using System.CommandLine;
using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// <c>grn run &lt;spec&gt;</c>: the whole sweep on an embedded silo (localhost clustering,
/// in-memory grain storage, no external service), followed live, then aggregated (a study: both
/// phases, then its verdict table and report).
/// </summary>
public sealed class RunCommand : BaseCommand
{
    static readonly Argument<string> Spec = new("spec") { Description = "sweep spec (YAML), e.g. examples/quick.yaml" };
    static readonly Option<string> Out = new("--out") { Description = "folder under which the sweep's folder is made", DefaultValueFactory = _ => "runs" };
    static readonly Option<int> Slots = new Option<int>("--slots") { Description = "jobs trained at once on this machine", DefaultValueFactory = _ => 1 }.AsWholeNumber("2");
    static readonly Option<string?> DataRoot = new("--data-root") { Description = "folder of downloaded datasets" };
    static readonly Option<int?> MetricsPort = new Option<int?>("--metrics-port") { Description = "serve the embedded silo's Prometheus metrics at http://localhost:PORT/metrics while the sweep runs" }.AsWholeNumber("9464");
    static readonly Option<int> MaxJobs = new Option<int>("--max-jobs") { Description = "refuse sweeps with more jobs than this", DefaultValueFactory = _ => SweepExpander.DefaultMaxJobs }.AsWholeNumber("5000");
    static readonly Option<int?> ApiPort = new Option<int?>("--api-port") { Description = "also serve the sweep HTTP API on 127.0.0.1:PORT while the sweep runs (token from --token or GRN_TOKEN), so grn status/results work from another terminal" }.AsWholeNumber("8080");
    static readonly Option<string?> Token = new("--token") { Description = "bearer token the API demands with --api-port (default $GRN_TOKEN)" };

    public RunCommand() : base("run", "Run a sweep (YAML spec) on an embedded silo and aggregate its results over seeds.")
    {
        Arguments.Add(Spec);
        foreach (var option in new Option[] { Out, Slots, DataRoot, MaxJobs, ApiPort, Token, MetricsPort }) Options.Add(option);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var path = parse.GetValue(Spec)!;
        var slots = parse.GetValue(Slots);
        if (slots < 1) throw new ArgumentException($"invalid --slots {slots}: must be >= 1");
        var metricsPort = parse.GetValue(MetricsPort);
        if (metricsPort is < 1 or > 65535) throw new ArgumentException($"invalid --metrics-port {metricsPort}: must be 1 to 65535");
        // Everything is checked before a silo starts or a file is written.
        var spec = SweepSpecParser.ParseFile(path);
        SweepExpander.CheckSize(spec, path, parse.GetValue(MaxJobs));
        var outputRoot = OutputFolder.Check(parse.GetValue(Out)!);
        var api = ApiSettings(parse);
        var jobs = spec.Protocol is null
            ? $"{SweepExpander.CountJobs(spec)} jobs"
            : $"a study of {SweepExpander.Plan(spec, outputRoot).Count} tuning jobs, then up to {StudyPlan.MaxEvaluationJobs(spec)} evaluation jobs";
        AnsiConsole.MarkupLineInterpolated($"sweep [bold]{spec.Name}[/]: {jobs}, {slots} slot(s), results under {Path.Combine(outputRoot, spec.Name)}");

        using var host = EmbeddedSilo.Build(slots, parse.GetValue(DataRoot), outputRoot, api, metricsPort);
        await host.StartAsync(CancellationToken.None);
        if (api is not null) AnsiConsole.MarkupLineInterpolated($"API: http://127.0.0.1:{api.Value.Port}/api/sweeps/{spec.Name} (bearer token from --token/GRN_TOKEN)");
        if (metricsPort is not null) AnsiConsole.MarkupLineInterpolated($"metrics: http://localhost:{metricsPort}/metrics");
        var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepCoordinatorGrain>(spec.Name);
        var status = await coordinator.Submit(new SweepSubmission(spec, await File.ReadAllTextAsync(path, CancellationToken.None), outputRoot));

        status = await new SweepProgress(() => coordinator.GetStatus(), spec.Epochs).Follow(status, cancellation);
        if (cancellation.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("cancelling: finished jobs keep their results (Ctrl-C again quits at once, without the summary)");
            status = await coordinator.Cancel();
        }
        // Let cancelled jobs close their files before the silo goes.
        var runner = host.Services.GetRequiredService<JobRunner>();
        while (runner.Busy) await Task.Delay(200, CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        await Report(spec, status, outputRoot);
        return ExitCodes.Of(status.State, cancellation.IsCancellationRequested);
    }

    static (int Port, string Token)? ApiSettings(ParseResult parse)
    {
        if (parse.GetValue(ApiPort) is not { } port) return null;
        if (port is < 1 or > 65535) throw new ArgumentException($"invalid --api-port {port}: give a TCP port between 1 and 65535");
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("GRN_TOKEN");
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("--api-port needs a token: set --token or GRN_TOKEN");
        return (port, token);
    }

    static async Task Report(SweepSpec spec, SweepStatus status, string outputRoot)
    {
        var folders = status.Jobs!.ToDictionary(j => j.JobId, j => j.OutputDirectory);
        await ReportFiles.Write(spec, SweepAggregation.Read(folders.Values), Path.Combine(outputRoot, spec.Name), r => folders.GetValueOrDefault(r.JobId, ""));
        AnsiConsole.MarkupLineInterpolated($"sweep {status.State.ToText()}: {ServerCommand.CountsLine(status)}");
    }
}
