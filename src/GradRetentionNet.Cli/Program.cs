using System.CommandLine;
using GradRetentionNet.Cli;
using GradRetentionNet.Cli.Commands;

// grn: train and compare optimizers. Each verb is one class in Commands/.
var root = new RootCommand("GradRetentionNet: does an optimizer really help? Train and compare optimizers over seeds.")
{
    new RunCommand(),
    new SubmitCommand(),
    new StatusCommand(),
    new ResultsCommand(),
    new ReportCommand(),
    SweepActionCommand.Cancel(),
    SweepActionCommand.RetryFailed(),
    new TrainCommand(),
    new DataCommand(),
};

// Redirected output (logs, CI) should not be wrapped at a guessed 80 columns.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 240;

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    // One line naming what is wrong, and the exit code scripts can test for.
    Console.Error.WriteLine($"error: {parse.Errors[0].Message} (see grn {string.Join(' ', parse.CommandResult.Command.Name)} --help)");
    return ExitCodes.BadArguments;
}
// Ctrl-C cancels the verb's token; System.CommandLine then kills the process after
// ProcessTerminationTimeout (2 s by default) if the verb has not returned. grn run needs longer
// to cancel its sweep, let the running job stop after its batch, stop the silo and print the
// summary: with the default it was sometimes killed before "sweep cancelled:" (exit 130, no summary).
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });
