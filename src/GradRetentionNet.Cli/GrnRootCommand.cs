using System.CommandLine;
using GradRetentionNet.Cli.Commands;

namespace GradRetentionNet.Cli;

/// <summary>grn and its verbs, each one class in Commands/; tests parse with the same tree the program runs.</summary>
internal static class GrnRootCommand
{
    public static RootCommand Create() => new("GradRetentionNet: does an optimizer really help? Train and compare optimizers over seeds.")
    {
        new RunCommand(),
        new SubmitCommand(),
        new StatusCommand(),
        new ResultsCommand(),
        new ReportCommand(),
        new PublishCommand(),
        SweepActionCommand.Cancel(),
        SweepActionCommand.RetryFailed(),
        new TrainCommand(),
        new DataCommand(),
    };
}
