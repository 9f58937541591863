using System.CommandLine;
using GradRetentionNet.Grains;
using GradRetentionNet.Observability;
using GradRetentionNet.Reporting;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Training.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// <c>grn run &lt;spec&gt;</c>: the whole sweep on an embedded silo (localhost clustering,
/// in-memory grain storage, no external service), followed live, then aggregated.
/// </summary>
public sealed class RunCommand : BaseCommand
{
    static readonly Argument<string> Spec = new("spec") { Description = "sweep spec (YAML), e.g. examples/quick.yaml" };
    static readonly Option<string> Out = new("--out") { Description = "folder under which the sweep's folder is made", DefaultValueFactory = _ => "runs" };
    static readonly Option<int> Slots = new("--slots") { Description = "jobs trained at once on this machine", DefaultValueFactory = _ => 1 };
    static readonly Option<string?> DataRoot = new("--data-root") { Description = "folder of downloaded datasets" };
    static readonly Option<int?> MetricsPort = new("--metrics-port") { Description = "serve the embedded silo's Prometheus metrics at http://localhost:PORT/metrics while the sweep runs" };
    static readonly Option<int> MaxJobs = new("--max-jobs") { Description = "refuse sweeps with more jobs than this", DefaultValueFactory = _ => SweepExpander.DefaultMaxJobs };

    public RunCommand() : base("run", "Run a sweep (YAML spec) on an embedded silo and aggregate its results over seeds.")
    {
        Arguments.Add(Spec);
        foreach (var option in new Option[] { Out, Slots, DataRoot, MaxJobs, MetricsPort }) Options.Add(option);
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
        var jobs = SweepExpander.Expand(spec, path, parse.GetValue(MaxJobs));
        var outputRoot = Path.GetFullPath(parse.GetValue(Out)!);
        AnsiConsole.MarkupLineInterpolated($"sweep [bold]{spec.Name}[/]: {jobs.Count} jobs, {slots} slot(s), results under {Path.Combine(outputRoot, spec.Name)}");

        using var host = BuildSilo(slots, parse.GetValue(DataRoot), metricsPort);
        await host.StartAsync(CancellationToken.None);
        if (metricsPort is not null) AnsiConsole.MarkupLineInterpolated($"metrics: http://localhost:{metricsPort}/metrics");
        var coordinator = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepCoordinatorGrain>(spec.Name);
        var status = await coordinator.Submit(new SweepSubmission(await File.ReadAllTextAsync(path, CancellationToken.None), path, outputRoot));

        status = await Follow(coordinator, status, cancellation);
        if (cancellation.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("cancelling: finished jobs keep their results");
            status = await coordinator.Cancel();
        }
        // Let cancelled jobs close their files before the silo goes.
        var runner = host.Services.GetRequiredService<JobRunner>();
        while (runner.Busy) await Task.Delay(200, CancellationToken.None);
        await host.StopAsync(CancellationToken.None);

        Report(spec, status, outputRoot);
        return status.State switch
        {
            "completed" => ExitCodes.Success,
            "cancelled" => ExitCodes.Cancelled,
            _ => ExitCodes.Failed,
        };
    }

    static IHost BuildSilo(int slots, string? dataRoot, int? metricsPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans", LogLevel.Error); // its start-up notes (ServerGC, watchdog) are noise for a local run
        // Free ports rather than Orleans' fixed defaults: several sweeps may run on one machine.
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next()).AddMemoryGrainStorage("sweeps")
            .Configure<Orleans.Configuration.SiloOptions>(orleans => orleans.SiloName = Environment.MachineName)); // the metrics' silo label
        builder.Services.AddTrainingSlots(new JobRunnerOptions(slots, dataRoot));
        // A standalone exporter (no web host): the same series a grn-silo serves, for a local Prometheus.
        if (metricsPort is { } port)
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddGradRetentionNetMeters()
                .AddPrometheusHttpListener(listener => (listener.Host, listener.Port) = ("localhost", port)));
        return builder.Build();
    }

    /// <summary>Polls the coordinator and prints each job as it settles, until the sweep ends or Ctrl-C.</summary>
    static async Task<SweepStatus> Follow(ISweepCoordinatorGrain coordinator, SweepStatus status, CancellationToken cancellation)
    {
        var reported = new HashSet<string>();
        while (true)
        {
            foreach (var job in status.Jobs.Where(j => j.State is not ("pending" or "running") && reported.Add(j.JobId)))
            {
                var colour = job.State == "completed" ? "green" : "red";
                AnsiConsole.MarkupLineInterpolated(
                    $"[{colour}]{job.State}[/] {job.Dataset} {job.Optimizer} {job.GridPoint} seed {job.Seed}: final metric {job.FinalMetric?.ToString("F4") ?? "-"}{(job.Error is null ? "" : $" ({job.Error})")} [[{reported.Count}/{status.Jobs.Length}]]");
            }
            if (status.Finished || cancellation.IsCancellationRequested) return status;
            try
            {
                await Task.Delay(500, cancellation);
            }
            catch (OperationCanceledException)
            {
                return status;
            }
            status = await coordinator.GetStatus();
        }
    }

    static void Report(SweepSpec spec, SweepStatus status, string outputRoot)
    {
        var results = SweepResults.Read(status.Jobs.Select(j => j.OutputDirectory));
        var aggregate = Aggregator.Aggregate(results, SweepResults.MetricFor(spec.Metric), spec.Metric.Target);

        AggregateTable.Write(AggregateRow.From(aggregate));

        var folder = Path.Combine(outputRoot, spec.Name);
        Directory.CreateDirectory(folder);
        var aggregatePath = Path.Combine(folder, "aggregate.json");
        File.WriteAllText(aggregatePath, System.Text.Json.JsonSerializer.Serialize(aggregate, JobJson.Options));
        var reportPath = SweepReport.Write(folder, spec.Name, results, aggregate);
        AnsiConsole.MarkupLineInterpolated($"sweep {status.State}: {status.Count("completed")} completed, {status.Count("failed")} failed, {status.Count("diverged")} diverged, {status.Count("cancelled")} cancelled");
        AnsiConsole.MarkupLineInterpolated($"aggregate: {aggregatePath}");
        AnsiConsole.MarkupLineInterpolated($"report:    {reportPath}");
    }
}
