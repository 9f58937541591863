using System.CommandLine;
using GradRetentionNet.Cli;
using GradRetentionNet.Training.Jobs;

// First, before the runtime and Orleans start their threads: glibc fixes its arena limit when a
// process's threads first outnumber its arenas, and jobs train on threads of their own.
TensorMemoryRetention.Apply();

// grn: train and compare optimizers. Each verb is one class in Commands/.
var root = GrnRootCommand.Create();

// Redirected output (logs, CI) should not be wrapped at a guessed 80 columns.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 240;

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    // One line naming what is wrong, and the exit code scripts can test for.
    Console.Error.WriteLine($"error: {parse.Errors[0].Message} (see grn {string.Join(' ', parse.CommandResult.Command.Name)} --help)");
    return ExitCodes.BadArguments;
}
// Ctrl-C cancels the verb, which then finishes its clean-up however long it takes (TerminationSignals),
// instead of System.CommandLine's ending it two seconds later.
using var signals = new TerminationSignals();
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token);
