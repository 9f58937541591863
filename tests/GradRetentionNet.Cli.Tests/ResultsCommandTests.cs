using System.Net;
using System.Text;
using System.Text.Json;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;
using Parquet;

namespace GradRetentionNet.Cli.Tests;

/// <summary>grn results on a study, against a stand-in for the cluster's API that serves a finished study's spec, results and status.</summary>
public sealed class ResultsCommandTests : IDisposable
{
    const string Spec = """
        name: tiny-study
        datasets: [mnist-digits-10k]
        optimizers: {sgd: {lr: [0.1]}, enhanced-sgd: {lr: [0.05]}}
        search: {method: grid}
        validation: {fraction: 0.1}
        epochs: 2
        protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}
        """;

    readonly string folder = Directory.CreateTempSubdirectory("grn-results-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>sgd validates at 0.8 and tests at 0.90 on every seed; enhanced-sgd at 0.9, and tests 0.02 to 0.04 better.</summary>
    static List<JobResult> Results()
    {
        var results = new List<JobResult> { Job("sgd", 1, "0.1", 0.9, 0.8), Job("enhanced-sgd", 1, "0.05", 0.9, 0.9) };
        double[] gains = [0.02, 0.03, 0.04, 0.03, 0.02];
        for (var i = 0; i < gains.Length; i++)
            results.AddRange([Job("sgd", 11 + i, "0.1", 0.90, 0.8), Job("enhanced-sgd", 11 + i, "0.05", 0.90 + gains[i], 0.9)]);
        return results;
    }

    static JobResult Job(string optimizer, long seed, string lr, double test, double validation)
    {
        var spec = new JobSpec
        {
            Dataset = "mnist-digits-10k", Model = "simple-cnn", Optimizer = optimizer, Seed = seed, Epochs = 2,
            HyperParameters = new SortedDictionary<string, string> { ["lr"] = lr }, ValidationFraction = 0.1,
        };
        return new JobResult
        {
            JobId = spec.Id, Spec = spec, ResolvedHyperParameters = spec.HyperParameters, Status = JobState.Completed,
            Environment = new RunEnvironment("cpu", "test", "linux", "10.0", "0.107.0", 1, 1),
            Dataset = new DatasetSummary("mnist-digits-10k", "mnist", "classification", 10, 9000, 1000, "test", 1000),
            Epochs =
            [
                new EpochRecord(1, 100, 1, 1, test - 0.1, null, null, 10, 2, 0, null, null, 1 - validation + 0.1, validation - 0.1),
                new EpochRecord(2, 200, 1, 1, test, null, null, 10, 2, 0, null, null, 1 - validation, validation),
            ],
        };
    }

    [Fact]
    public void Parquet_without_a_folder_is_a_one_line_error_before_any_request()
    {
        var (exitCode, output, error) = GrnProcess.Run("results", "tiny-study", "--format", "parquet", "--server", "http://127.0.0.1:9", "--token", "t");

        exitCode.Should().Be(2);
        error.Should().Be("error: --format parquet writes files: give --out FOLDER\n");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task A_study_prints_its_verdicts_as_csv_and_writes_every_table_as_parquet()
    {
        await using var server = new FakeSweepApi(Spec, Results());

        var csv = GrnProcess.Run("results", "tiny-study", "--format", "csv", "--server", server.Address, "--token", "t");
        var table = GrnProcess.Run("results", "tiny-study", "--server", server.Address, "--token", "t");
        var parquet = GrnProcess.Run("results", "tiny-study", "--format", "parquet", "--out", folder, "--server", server.Address, "--token", "t");

        csv.ExitCode.Should().Be(0, csv.Error);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("dataset,candidate,best_baseline,verdict,pairs,mean_difference,ci_lower,ci_upper,t_holm_p,wilcoxon_holm_p,sentence");
        lines[1].Should().StartWith("mnist-digits-10k,enhanced-sgd,sgd,wins,5,0.028");
        lines.Should().HaveCount(2);

        table.ExitCode.Should().Be(0, table.Error);
        table.Output.Should().Contain("verdicts against the best baseline").And.Contain("AlgoPerf score")
            .And.Contain("On mnist-digits-10k, enhanced-sgd wins against sgd: mean difference +0.028 (95 % CI [");

        parquet.ExitCode.Should().Be(0, parquet.Error);
        parquet.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFileName).Should()
            .Equal("verdicts.parquet", "cells.parquet", "comparisons.parquet", "profiles.parquet", "tuning.parquet");
        await using var tuning = await ParquetReader.CreateAsync(Path.Combine(folder, "tuning.parquet"));
        tuning.Schema.GetDataFields().Select(f => f.Name).Should().Contain(["trial", "best_validation", "output_directory"]);
        using var rows = tuning.OpenRowGroupReader(0);
        var folders = new string?[rows.RowCount];
        await rows.ReadAsync(tuning.Schema.GetDataFields().Single(f => f.Name == "output_directory"), folders.AsMemory());
        folders.Should().OnlyContain(f => f!.StartsWith("/runs/tiny-study/"), "each job's folder comes from the sweep's status");
    }

    [Fact]
    public async Task Table_names_only_a_study_has_are_refused_for_an_ordinary_sweep()
    {
        await using var server = new FakeSweepApi(Spec.Replace("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}", "seeds: [1]"), []);

        var (exitCode, _, error) = GrnProcess.Run("results", "tiny-study", "--format", "csv", "--table", "cells", "--server", server.Address, "--token", "t");

        exitCode.Should().Be(2);
        error.Should().Be("error: --table chooses among a study's tables, and sweep 'tiny-study' is not a study (its spec has no protocol:)\n");
    }

    /// <summary>Answers report-data and status for one sweep, as the silos' API does.</summary>
    sealed class FakeSweepApi : IAsyncDisposable
    {
        readonly HttpListener listener = new();
        readonly Task serving;

        public FakeSweepApi(string spec, List<JobResult> results)
        {
            var port = Grains.FreePorts.Next();
            Address = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add($"{Address}/");
            listener.Start();
            var reportData = JsonSerializer.Serialize(new SweepReportData(spec, SweepState.Completed, results), JobJson.Options);
            var status = JsonSerializer.Serialize(new SweepStatus("tiny-study", SweepState.Completed, SweepStatus.CountsOf(results.Select(r => r.Status)),
                [.. results.Select(r => new JobStatusRow(r.JobId, r.Spec.Dataset, r.Spec.Optimizer, r.Spec.Seed, "", r.Status, 1, 2, r.FinalMetric, null,
                    $"/runs/tiny-study/{r.Spec.Optimizer}/seed-{r.Spec.Seed}-{r.JobId}"))]), JobJson.Options);
            serving = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    var path = context.Request.Url!.AbsolutePath;
                    var body = path.EndsWith("/report-data", StringComparison.Ordinal) ? reportData
                        : path.EndsWith("/results", StringComparison.Ordinal) ? """{"state":"completed","rows":[],"aggregate":null}"""
                        : status;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public string Address { get; }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await serving;
            listener.Close();
        }
    }
}
