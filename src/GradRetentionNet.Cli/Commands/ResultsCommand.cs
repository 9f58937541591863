using System.CommandLine;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Aggregation;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study;
using GradRetentionNet.Sweeps.Tables;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// <c>grn results &lt;sweep&gt; --format table|csv|json|parquet [--table NAME] [--out FOLDER]</c>. A study
/// (a spec with <c>protocol:</c>) is analysed here from its spec and results (the verdicts, cells,
/// comparisons, profiles and tuning trials); an ordinary sweep shows the server's aggregate over
/// seeds as before. Files go to --out, one per table; parquet only goes to files.
/// </summary>
public sealed class ResultsCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };
    static readonly Option<string> Format = new Option<string>("--format")
    {
        Description = "table (the console), csv or json (stdout, or files with --out), parquet (files: needs --out)",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "csv", "json", "parquet");
    static readonly Option<string?> Table = new Option<string?>("--table")
    {
        Description = $"a study's table to print as csv or json, or the one to write with --out (default: verdicts on stdout, every table to files): {string.Join(", ", StudyTables.Names)}",
    }.AcceptOnlyFromAmong([.. StudyTables.Names]);
    static readonly Option<string?> Out = new("--out")
    {
        Description = "folder to write the tables into as files named after them (verdicts.csv, …; an ordinary sweep's rows as aggregate.<format>)",
    };

    public ResultsCommand() : base("results", "Print or export a sweep's results: a study's verdicts and tables, or an ordinary sweep's aggregate over seeds.")
    {
        Arguments.Add(Sweep);
        Options.Add(Format);
        Options.Add(Table);
        Options.Add(Out);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var sweep = parse.GetValue(Sweep)!;
        var format = parse.GetValue(Format)!;
        var tableName = parse.GetValue(Table);
        // Checked before any request: a wrong combination must not wait on a server.
        if (format == "parquet" && parse.GetValue(Out) is null)
            throw new ArgumentException("--format parquet writes files: give --out FOLDER");
        if (format == "table" && parse.GetValue(Out) is not null)
            throw new ArgumentException("--out writes files: use it with --format csv, json or parquet");
        if (format == "table" && tableName is not null)
            throw new ArgumentException("--table picks the table csv, json or parquet export; --format table prints them all");
        var folder = parse.GetValue(Out) is { } path ? OutputFolder.Check(path) : null;

        using var client = Client(parse);
        var data = await client.ReportData(sweep);
        var spec = SweepSpecParser.Parse(data.Spec, $"sweep '{sweep}'");
        if (spec.Protocol is null)
        {
            if (tableName is not null) throw new ArgumentException($"--table chooses among a study's tables, and sweep '{sweep}' is not a study (its spec has no protocol:)");
            await WriteAggregate(client, sweep, format, folder, cancellation);
            return ExitCodes.Success;
        }

        // The results carry no folders; the status rows do, for the tables' links to each job.
        var folders = (await client.Status(sweep, withJobs: true)).Jobs?.ToDictionary(j => j.JobId, j => j.OutputDirectory) ?? [];
        var study = StudyAnalysis.Analyze(spec, data.Results, r => folders.GetValueOrDefault(r.JobId, ""));
        if (data.State == SweepState.Running)
            Console.Error.WriteLine($"note: {sweep} is still running; the results show the jobs finished so far");
        await WriteStudy(study, format, tableName, folder, cancellation);
        return ExitCodes.Success;
    }

    static async Task WriteStudy(StudyResults study, string format, string? tableName, string? folder, CancellationToken cancellation)
    {
        if (format == "table")
        {
            StudyConsole.Write(study);
            return;
        }
        if (folder is null)
        {
            Print(StudyTables.Named(study, tableName ?? "verdicts"), format);
            return;
        }
        var tables = tableName is null ? StudyTables.All(study) : [StudyTables.Named(study, tableName)];
        foreach (var written in await TableFiles.WriteAsync(tables, folder, FormatOf(format), cancellation))
            Console.WriteLine(written);
    }

    /// <summary>An ordinary sweep: the console table, CSV rows or the server's JSON as before; with --out, the rows as aggregate.csv, .json or .parquet.</summary>
    static async Task WriteAggregate(SweepApiClient client, string sweep, string format, string? folder, CancellationToken cancellation)
    {
        var (rows, json) = await client.Results(sweep);
        if (folder is not null)
        {
            foreach (var written in await TableFiles.WriteAsync([AggregateRowTable.Of(rows)], folder, FormatOf(format), cancellation))
                Console.WriteLine(written);
            return;
        }
        switch (format)
        {
            case "json": Console.WriteLine(json); break;
            case "csv": CsvTableWriter.Write(AggregateRowTable.Of(rows), Console.Out); break;
            default: AggregateTable.Write(rows); break;
        }
    }

    static void Print(ExportTable table, string format)
    {
        if (format == "json") Console.WriteLine(JsonTableWriter.Text(table));
        else CsvTableWriter.Write(table, Console.Out);
    }

    static TableFormat FormatOf(string format) => Enum.Parse<TableFormat>(format, ignoreCase: true);
}
