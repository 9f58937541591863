using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using Spectre.Console;

namespace GradRetentionNet.Cli;

/// <summary>
/// Follows a running sweep: on a terminal a live bar per running job (epochs done of epochs); when
/// output is redirected a line per finished epoch. Either way a line as each job settles, and one
/// as a study enters each phase.
/// </summary>
internal sealed class SweepProgress(Func<Task<SweepStatus>> poll, int epochs)
{
    static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(500);

    readonly HashSet<string> settled = [];
    readonly Dictionary<string, int> epochsSeen = [];

    public async Task<SweepStatus> Follow(SweepStatus status, CancellationToken cancellation)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await Loop(status, cancellation, onEpoch: (job, epoch) =>
                AnsiConsole.MarkupLineInterpolated($"  {Describe(job)}: epoch {epoch}/{epochs}"));

        SweepStatus last = status;
        await AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                last = await Loop(status, cancellation, onEpoch: null, onPoll: current =>
                {
                    foreach (var job in current.Jobs ?? [])
                    {
                        if (job.State == JobState.Running && !bars.ContainsKey(job.JobId))
                            bars[job.JobId] = context.AddTask(Markup.Escape(Describe(job)), maxValue: epochs);
                        if (bars.TryGetValue(job.JobId, out var bar))
                        {
                            bar.Value = job.EpochsDone;
                            if (job.State != JobState.Running) bar.StopTask();
                        }
                    }
                });
            });
        return last;
    }

    async Task<SweepStatus> Loop(SweepStatus status, CancellationToken cancellation, Action<JobStatusRow, int>? onEpoch, Action<SweepStatus>? onPoll = null)
    {
        StudyPhase? phase = null;
        while (true)
        {
            if (status.Phase != phase && status.Phase is not null)
                AnsiConsole.MarkupLineInterpolated($"[bold]{status.Name}{Commands.ServerCommand.PhaseText(status)}[/]: {status.Total} jobs");
            phase = status.Phase;
            onPoll?.Invoke(status);
            foreach (var job in status.Jobs ?? [])
            {
                var seen = epochsSeen.GetValueOrDefault(job.JobId);
                if (job.EpochsDone > seen && onEpoch is not null)
                    for (var epoch = seen + 1; epoch <= job.EpochsDone; epoch++) onEpoch(job, epoch);
                epochsSeen[job.JobId] = Math.Max(seen, job.EpochsDone);
                if (!job.State.IsFinished() || !settled.Add(job.JobId)) continue;
                var colour = job.State == JobState.Completed ? "green" : "red";
                AnsiConsole.MarkupLineInterpolated(
                    $"[{colour}]{job.State.ToText()}[/] {Describe(job)}: final metric {job.FinalMetric?.ToString("F4") ?? "-"}{(job.Error is null ? "" : $" ({job.Error})")} [[{settled.Count}/{status.Total}]]");
            }
            if (status.State.IsFinished() || cancellation.IsCancellationRequested) return status;
            try
            {
                await Task.Delay(PollPeriod, cancellation);
            }
            catch (OperationCanceledException)
            {
                return status;
            }
            status = await poll();
        }
    }

    static string Describe(JobStatusRow job) => $"{job.Dataset} {job.Optimizer} {job.GridPoint} seed {job.Seed}".Replace("  ", " ");
}
