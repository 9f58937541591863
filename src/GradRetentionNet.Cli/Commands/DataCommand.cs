using System.CommandLine;
using GradRetentionNet.Data.Download;
using Spectre.Console;

namespace GradRetentionNet.Cli.Commands;

/// <summary><c>grn data</c>: datasets on disk.</summary>
public sealed class DataCommand : Command
{
    public DataCommand() : base("data", "Download and manage datasets.")
    {
        Subcommands.Add(new DataPrepareCommand());
    }
}

/// <summary><c>grn data prepare &lt;dataset&gt;</c>: download, verify and unpack a real dataset into the data root.</summary>
public sealed class DataPrepareCommand : BaseCommand
{
    static readonly Argument<string> Dataset = new("dataset") { Description = $"one of {string.Join(", ", DatasetPreparer.KnownDatasets)}" };
    static readonly Option<string?> DataRoot = new("--data-root") { Description = "where datasets live (default $GRN_DATA_ROOT or ~/.cache/gradretentionnet/data)" };
    static readonly Option<string?> Mirror = new("--mirror") { Description = "base URL serving {mirror}/{dataset}/{file} instead of the official hosts (default $GRN_DATA_MIRROR)" };

    public DataPrepareCommand() : base("prepare", "Download, verify (size and checksum) and unpack a dataset; resumes interrupted downloads.")
    {
        Arguments.Add(Dataset);
        Options.Add(DataRoot);
        Options.Add(Mirror);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellation)
    {
        var dataset = parse.GetValue(Dataset)!;
        var root = DataLocations.ResolveDataRoot(parse.GetValue(DataRoot));
        var mirror = DataLocations.ResolveMirror(parse.GetValue(Mirror));
        var preparer = new DatasetPreparer(mirror: mirror);
        try
        {
            var prepared = AnsiConsole.Profile.Capabilities.Interactive
                ? await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async context =>
                    {
                        var bar = context.AddTask(dataset, maxValue: 1);
                        var progress = new InlineProgress<PrepareProgress>(p =>
                        {
                            bar.MaxValue = Math.Max(1, p.DatasetBytesTotal);
                            bar.Value = p.DatasetBytesDone;
                            bar.Description = p.ToString();
                        });
                        return await preparer.PrepareAsync(dataset, root, progress, cancellation);
                    })
                : await preparer.PrepareAsync(dataset, root, new InlineProgress<PrepareProgress>(LogStageChanges()), cancellation);

            Console.WriteLine(prepared.AlreadyPrepared
                ? $"{dataset} was already prepared in {prepared.Directory}"
                : $"{dataset} prepared in {prepared.Directory} ({prepared.BytesDownloaded / 1048576.0:F1} MiB downloaded)");
            return ExitCodes.Success;
        }
        catch (DownloadFailedException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled: partial downloads are kept and resume next time");
            return ExitCodes.Cancelled;
        }
    }

    // Without a terminal, one line per file and stage rather than a redrawn bar.
    static Action<PrepareProgress> LogStageChanges()
    {
        (string File, PrepareStage Stage)? last = null;
        return p =>
        {
            if (last == (p.CurrentFile, p.Stage)) return;
            last = (p.CurrentFile, p.Stage);
            Console.WriteLine(p.ToString());
        };
    }
}
