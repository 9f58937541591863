using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>A sweep's jobs as a console table: where each runs, how far it got, how often it was tried and where it resumed.</summary>
internal static class JobTable
{
    public static void Write(SweepStatus status)
    {
        var table = new Table().AddColumns("job", "dataset", "optimizer", "grid", "seed", "state", "attempts", "epochs", "silo", "resumed at epoch", "final metric", "error");
        foreach (var job in status.Jobs ?? [])
        {
            string[] cells =
            [
                job.JobId, job.Dataset, job.Optimizer, job.GridPoint, job.Seed.ToString(), job.State.ToText(), job.Attempts.ToString(),
                job.EpochsDone.ToString(), job.Silo ?? "-", job.ResumedAtEpoch?.ToString() ?? "-",
                job.FinalMetric?.ToString("F4") ?? "-", job.Error ?? "",
            ];
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
    }
}
