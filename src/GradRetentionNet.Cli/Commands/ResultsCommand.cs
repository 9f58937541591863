using System.CommandLine;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn results &lt;sweep&gt; --format table|csv|json</c>: the aggregate over seeds.</summary>
public sealed class ResultsCommand : ServerCommand
{
    static readonly Argument<string> Sweep = new("sweep") { Description = "the sweep's name" };
    static readonly Option<string> Format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" }
        .AcceptOnlyFromAmong("table", "csv", "json");

    public ResultsCommand() : base("results", "Print a sweep's results aggregated over seeds.")
    {
        Arguments.Add(Sweep);
        Options.Add(Format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        using var client = Client(parse);
        var (rows, json) = await client.Results(parse.GetValue(Sweep)!);
        switch (parse.GetValue(Format))
        {
            case "json": Console.WriteLine(json); break;
            case "csv": AggregateTable.WriteCsv(rows, Console.Out); break;
            default: AggregateTable.Write(rows); break;
        }
        return ExitCodes.Success;
    }
}
