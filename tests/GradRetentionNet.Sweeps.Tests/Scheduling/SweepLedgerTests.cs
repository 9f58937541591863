using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Tests.Scheduling;

/// <summary>The sweep's transitions without Orleans: dispatch order, reports, lost silos, settling, cancel and retry.</summary>
public sealed class SweepLedgerTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    static IReadOnlyList<PlannedJob> Plan(int seeds) => SweepExpander.Plan(SweepSpecParser.Parse($"""
        name: ledger
        datasets: [mnist-digits-10k]
        optimizers: [sgd]
        seeds: [{string.Join(", ", Enumerable.Range(1, seeds))}]
        epochs: 2
        """, "test.yaml"), "/runs");

    static SweepLedger Ledger(int seeds = 3, int maxAttempts = 2, int maxFailed = 10, IReadOnlyDictionary<string, JobRecord>? records = null) =>
        new("ledger", Plan(seeds), records ?? new Dictionary<string, JobRecord>(), SweepState.Running, maxAttempts, maxFailed);

    static JobAssignment Dispatch(SweepLedger ledger, string silo = "S1")
    {
        var job = ledger.NextPending()!;
        var assignment = ledger.Dispatch(job, "/runs", 1, Now);
        ledger.Placed(job, silo);
        return assignment;
    }

    static EpochRecord Epoch(int epoch) => new(epoch, epoch * 10, 1.0, 1.0, 0.9, null, null, 0.1, 0.01, 0, null, null);

    static JobReport Report(JobAssignment a, JobState state, int epochs = 2) => new(a.JobId, a.Attempt, state, state == JobState.Completed ? 0.9 : null, null, epochs);

    [Fact]
    public void Pending_jobs_go_out_in_plan_order_each_once()
    {
        var ledger = Ledger(seeds: 3);
        var ids = Enumerable.Range(0, 3).Select(_ => Dispatch(ledger).JobId).ToList();
        ids.Should().Equal(ledger.Jobs.Select(j => j.JobId));
        ledger.NextPending().Should().BeNull();
        ledger.Counts[JobState.Running].Should().Be(3);
        ledger.Jobs.Should().OnlyContain(j => j.Record.Attempts == 1 && j.Record.Dispatches == 1 && j.Record.Silo == "S1");
    }

    [Fact]
    public void A_job_end_is_recorded_once_and_late_reports_change_nothing()
    {
        var ledger = Ledger(seeds: 1);
        var first = Dispatch(ledger);
        ledger.JobFinished(Report(first, JobState.Failed, epochs: 0)).Kind.Should().Be(JobEndKind.Retried);
        var second = Dispatch(ledger);
        second.Attempt.Should().Be(2);

        ledger.JobFinished(Report(first, JobState.Completed)).Kind.Should().Be(JobEndKind.Ignored, "a report of an earlier dispatch");
        ledger.EpochFinished(new EpochReport(first.JobId, first.Attempt, 1)).Should().Be(EpochOutcome.Ignored);
        ledger.EpochFinished(new EpochReport(second.JobId, second.Attempt, 1)).Should().Be(EpochOutcome.Recorded);
        ledger.JobFinished(Report(second, JobState.Completed)).Kind.Should().Be(JobEndKind.Settled);
        ledger.JobFinished(Report(second, JobState.Completed)).Kind.Should().Be(JobEndKind.Ignored, "already settled");

        ledger.Settle().Should().Be(SweepState.Completed);
        ledger.Jobs[0].Record.Should().BeEquivalentTo(new { State = JobState.Completed, Attempts = 2, EpochsDone = 2, FinalMetric = 0.9 });
    }

    [Fact]
    public void A_hand_back_is_not_charged_and_a_lost_silo_is()
    {
        var ledger = Ledger(seeds: 2, maxAttempts: 2);
        var handedBack = Dispatch(ledger);
        var lost = Dispatch(ledger, "S2");

        ledger.JobFinished(Report(handedBack, JobState.Suspended, epochs: 1)).Kind.Should().Be(JobEndKind.HandedBack);
        ledger.Find(handedBack.JobId)!.Record.Should().BeEquivalentTo(new { State = JobState.Pending, Attempts = 0, EpochsDone = 1 });

        var lostJob = ledger.Find(lost.JobId)!;
        ledger.SiloLost(lostJob).Should().Be(JobState.Pending);
        lostJob.Record.Attempts.Should().Be(1);
        Dispatch(ledger);
        Dispatch(ledger).JobId.Should().Be(lost.JobId);
        ledger.SiloLost(lostJob).Should().Be(JobState.Failed, "its two attempts are spent");
        lostJob.Record.Error.Should().Contain("S1").And.Contain("attempt 2 of 2");
    }

    [Fact]
    public void Failures_up_to_max_failed_trials_stop_the_sweep_and_cancel_the_rest()
    {
        var ledger = Ledger(seeds: 4, maxAttempts: 1, maxFailed: 2);
        var a = Dispatch(ledger);
        var b = Dispatch(ledger);
        var running = Dispatch(ledger);
        ledger.JobFinished(Report(a, JobState.Failed));
        ledger.Settle().Should().BeNull();
        ledger.JobFinished(Report(b, JobState.Failed));

        ledger.Settle().Should().Be(SweepState.Stopped);
        ledger.Counts.Should().Contain(new KeyValuePair<JobState, int>(JobState.Failed, 2)).And.Contain(new KeyValuePair<JobState, int>(JobState.Cancelled, 2));
        ledger.NextPending().Should().BeNull();
        ledger.JobFinished(Report(running, JobState.Completed)).Kind.Should().Be(JobEndKind.Ignored, "the stopped sweep cancelled it");
    }

    [Fact]
    public void A_sweep_whose_jobs_all_failed_is_failed_not_completed()
    {
        var ledger = Ledger(seeds: 2, maxAttempts: 1);
        var reports = new[] { Dispatch(ledger), Dispatch(ledger) }.Select(a => Report(a, JobState.Failed)).ToList();
        foreach (var report in reports) ledger.JobFinished(report);
        ledger.Settle().Should().Be(SweepState.Failed);
        ledger.State.IsFinished().Should().BeTrue();
    }

    [Fact]
    public void Cancelling_a_finished_sweep_leaves_it_as_it_finished()
    {
        var ledger = Ledger(seeds: 1);
        ledger.JobFinished(Report(Dispatch(ledger), JobState.Completed));
        ledger.Settle().Should().Be(SweepState.Completed);
        ledger.TakeChanged();

        ledger.Cancel().Should().BeEmpty();
        ledger.State.Should().Be(SweepState.Completed);
        ledger.Counts[JobState.Completed].Should().Be(1);
        ledger.TakeChanged().Should().BeEmpty("nothing changed, so nothing is written");
    }

    [Fact]
    public void Cancel_returns_the_running_jobs_and_retry_runs_the_failed_and_cancelled_again()
    {
        var ledger = Ledger(seeds: 3, maxAttempts: 1);
        var failed = Dispatch(ledger);
        var running = Dispatch(ledger);
        ledger.JobFinished(Report(failed, JobState.Failed));

        ledger.Cancel().Select(j => j.JobId).Should().Equal(running.JobId);
        ledger.State.Should().Be(SweepState.Cancelled);
        ledger.Counts[JobState.Cancelled].Should().Be(2);

        ledger.RetryFailed().Should().BeTrue();
        ledger.State.Should().Be(SweepState.Running);
        ledger.Counts[JobState.Pending].Should().Be(3);
        ledger.Jobs.Should().OnlyContain(j => j.Record.Attempts == 0 && j.Record.Error == null);
    }

    [Fact]
    public void Only_changed_jobs_are_written_and_each_once()
    {
        var ledger = Ledger(seeds: 3);
        var a = Dispatch(ledger);
        ledger.EpochFinished(new EpochReport(a.JobId, a.Attempt, 1));
        ledger.TakeChanged().Select(j => j.JobId).Should().Equal(a.JobId);
        ledger.TakeChanged().Should().BeEmpty();
        ledger.EpochFinished(new EpochReport(a.JobId, a.Attempt, 1)).Should().Be(EpochOutcome.Ignored, "the same epoch again is no change");
    }

    [Fact]
    public void Restored_records_resume_where_the_sweep_was()
    {
        var plan = Plan(3);
        var records = new Dictionary<string, JobRecord>
        {
            [plan[0].JobId] = new() { State = JobState.Completed, Attempts = 1, Dispatches = 1, EpochsDone = 2, FinalMetric = 0.8 },
            [plan[1].JobId] = new() { State = JobState.Running, Attempts = 1, Dispatches = 1, Silo = "S9" },
        };
        var ledger = Ledger(records: records);

        ledger.Counts.Should().Contain(new KeyValuePair<JobState, int>(JobState.Completed, 1))
            .And.Contain(new KeyValuePair<JobState, int>(JobState.Running, 1))
            .And.Contain(new KeyValuePair<JobState, int>(JobState.Pending, 1));
        ledger.RunningJobs.Select(j => j.JobId).Should().Equal(plan[1].JobId);
        ledger.NextPending()!.JobId.Should().Be(plan[2].JobId);
        ledger.JobFinished(new JobReport(plan[1].JobId, 1, JobState.Completed, 0.7, null, 2)).Kind.Should().Be(JobEndKind.Settled,
            "the running job's trainer may still report after the coordinator moved");
    }

    [Fact]
    public void Jobs_finished_in_an_earlier_run_are_adopted_and_never_dispatched()
    {
        var ledger = Ledger(seeds: 2);
        var first = ledger.Jobs[0].JobId;
        ledger.Adopt(new FinishedResult(first, JobState.Completed, [Epoch(1), Epoch(2)], 0.9));
        ledger.Adopt(new FinishedResult(ledger.Jobs[1].JobId, JobState.Failed, [Epoch(1)], null));

        ledger.Find(first)!.Record.Should().BeEquivalentTo(new { State = JobState.Completed, Attempts = 0, EpochsDone = 2, FinalMetric = 0.9 });
        ledger.NextPending()!.JobId.Should().Be(ledger.Jobs[1].JobId, "a failed result is run again");
    }

    [Fact]
    public void Status_counts_every_state_and_lists_jobs_only_when_asked()
    {
        var ledger = Ledger(seeds: 2);
        var status = ledger.Status(withJobs: false);
        status.Jobs.Should().BeNull();
        status.Counts.Keys.Should().BeEquivalentTo(JobStates.All);
        status.Total.Should().Be(2);
        ledger.Status(withJobs: true).Jobs!.Select(j => j.OutputDirectory).Should().OnlyContain(d => d.StartsWith("/runs/ledger/mnist-digits-10k/sgd/seed-"));
    }
}
