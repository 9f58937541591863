using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;
using Stopper = GradRetentionNet.Sweeps.Scheduling.EarlyStopping.EarlyStopping;

namespace GradRetentionNet.Sweeps.Tests.Scheduling.EarlyStopping;

/// <summary>Early stopping as the coordinator's ledger applies it to epoch reports.</summary>
public sealed class LedgerEarlyStoppingTests
{
    static readonly EarlyStopSpec Asha = new(EarlyStopRule.Asha, "validation_metric", GraceEpochs: 1, ReductionFactor: 2);

    static IReadOnlyList<PlannedJob> Plan(int seeds) => SweepExpander.Plan(SweepSpecParser.Parse($"""
        name: stops
        datasets: [mnist-digits-10k]
        optimizers: [sgd]
        seeds: [{string.Join(", ", Enumerable.Range(1, seeds))}]
        epochs: 4
        """, "test.yaml"), "/runs");

    static SweepLedger Ledger(IReadOnlyList<PlannedJob> plan, IReadOnlyDictionary<string, JobRecord>? records = null, EarlyStopSpec? rule = null) =>
        new("stops", plan, records ?? new Dictionary<string, JobRecord>(), SweepState.Running, maxAttempts: 3, maxFailedTrials: 1,
            new Stopper(rule ?? Asha, maxEpochs: 4));

    static JobAssignment Dispatch(SweepLedger ledger)
    {
        var job = ledger.NextPending()!;
        var assignment = ledger.Dispatch(job, "/runs", 1, DateTimeOffset.UnixEpoch);
        ledger.Placed(job, "S1");
        return assignment;
    }

    /// <summary>A finished result's epochs with these validation accuracies (loss 1 − accuracy).</summary>
    static IReadOnlyList<EpochRecord> Curve(params double[] validation) =>
        [.. validation.Select((v, i) => new EpochRecord(i + 1, (i + 1) * 10, 1.0, 1.0, v, null, null, 0.1, 0.01, 0, null, null, 1 - v, v))];

    static EpochOutcome Epoch(SweepLedger ledger, JobAssignment job, int epoch, double validation) =>
        ledger.EpochFinished(new EpochReport(job.JobId, job.Attempt, epoch, validation, 1 - validation, TestMetric: validation - 0.01));

    [Fact]
    public void A_trial_below_its_rung_ends_stopped_early_with_its_epochs_and_is_never_retried_or_failed()
    {
        var ledger = Ledger(Plan(seeds: 4));
        var (a, b, c) = (Dispatch(ledger), Dispatch(ledger), Dispatch(ledger));

        Epoch(ledger, a, 1, 0.8).Should().Be(EpochOutcome.Recorded, "the first through a rung goes on");
        Epoch(ledger, b, 1, 0.9).Should().Be(EpochOutcome.Recorded, "0.9 is above the median 0.85 of 0.8 and 0.9");
        Epoch(ledger, c, 1, 0.5).Should().Be(EpochOutcome.StoppedEarly, "0.5 is below the median 0.8 of 0.5, 0.8 and 0.9 (η = 2 keeps the top half)");

        var stopped = ledger.Find(c.JobId)!.Record;
        stopped.State.Should().Be(JobState.StoppedEarly);
        stopped.EpochsDone.Should().Be(1);
        stopped.FinalMetric.Should().Be(0.49, "the test metric of its last epoch stands");
        stopped.Curve.Should().Equal(0.5);
        ledger.RunningJobs.Select(j => j.JobId).Should().BeEquivalentTo([a.JobId, b.JobId], "its slot is free at once");
        ledger.NextPending().Should().NotBeNull("the freed slot takes the next trial");

        // Its trainer's own report of the stop comes later: it had trained one more epoch while the stop was on its way.
        ledger.JobFinished(new JobReport(c.JobId, c.Attempt, JobState.StoppedEarly, 0.52, null, 2)).Kind.Should().Be(JobEndKind.AfterStop);
        stopped = ledger.Find(c.JobId)!.Record;
        (stopped.State, stopped.EpochsDone, stopped.FinalMetric).Should().Be((JobState.StoppedEarly, 2, 0.52), "the record follows the result the trainer wrote");
        ledger.JobFinished(new JobReport(c.JobId, c.Attempt, JobState.Cancelled, null, null, 1)).Kind.Should().Be(JobEndKind.Ignored);
        ledger.Counts[JobState.StoppedEarly].Should().Be(1);
        ledger.Counts[JobState.Failed].Should().Be(0);
        ledger.Settle().Should().BeNull("max_failed_trials 1 is not reached by a stop");
        ledger.State.Should().Be(SweepState.Running);
    }

    [Fact]
    public void A_trial_that_finished_before_its_stop_reached_it_counts_as_completed()
    {
        var ledger = Ledger(Plan(seeds: 3));
        var (a, b, c) = (Dispatch(ledger), Dispatch(ledger), Dispatch(ledger));
        Epoch(ledger, a, 1, 0.8);
        Epoch(ledger, b, 1, 0.9);
        Epoch(ledger, c, 1, 0.5).Should().Be(EpochOutcome.StoppedEarly);

        ledger.JobFinished(new JobReport(c.JobId, c.Attempt, JobState.Completed, 0.6, null, 4)).Kind.Should().Be(JobEndKind.AfterStop);

        ledger.Find(c.JobId)!.Record.State.Should().Be(JobState.Completed);
        ledger.Counts[JobState.StoppedEarly].Should().Be(0);
        ledger.Counts[JobState.Completed].Should().Be(1);
    }

    [Fact]
    public void The_validation_loss_is_compared_lower_is_better()
    {
        var ledger = Ledger(Plan(seeds: 3), rule: Asha with { Metric = "validation_loss" });
        var (a, b, c) = (Dispatch(ledger), Dispatch(ledger), Dispatch(ledger));
        Epoch(ledger, a, 1, 0.5).Should().Be(EpochOutcome.Recorded); // loss 0.5
        Epoch(ledger, b, 1, 0.6).Should().Be(EpochOutcome.Recorded); // loss 0.4
        ledger.EpochFinished(new EpochReport(c.JobId, c.Attempt, 1, ValidationMetric: 0.95, ValidationLoss: 0.9))
            .Should().Be(EpochOutcome.StoppedEarly, "its loss 0.9 is the worst of the rung, whatever its accuracy");
    }

    [Fact]
    public void A_restored_ledger_keeps_stopped_trials_stopped_and_remembers_the_rungs()
    {
        var plan = Plan(seeds: 4);
        var ledger = Ledger(plan);
        var (a, b, c) = (Dispatch(ledger), Dispatch(ledger), Dispatch(ledger));
        Epoch(ledger, a, 1, 0.8);
        Epoch(ledger, b, 1, 0.9);
        Epoch(ledger, c, 1, 0.5).Should().Be(EpochOutcome.StoppedEarly);
        var persisted = ledger.Jobs.ToDictionary(j => j.JobId, j => j.Record.Copy());

        // A restarted cluster: the coordinator rebuilds its ledger from the persisted records.
        var restored = Ledger(plan, persisted);

        restored.Find(c.JobId)!.Record.State.Should().Be(JobState.StoppedEarly);
        restored.Jobs.Where(j => j.Record.State == JobState.Pending).Select(j => j.JobId).Should().NotContain(c.JobId, "a stopped trial is never run again");
        var d = Dispatch(restored);
        d.JobId.Should().Be(plan[3].JobId);
        Epoch(restored, d, 1, 0.6).Should().Be(EpochOutcome.StoppedEarly, "the rung still holds 0.9, 0.8 and 0.5: 0.6 is below their median with it, 0.7");
    }

    [Fact]
    public void Without_a_validation_figure_in_the_report_nothing_is_stopped()
    {
        var ledger = Ledger(Plan(seeds: 3));
        var jobs = new[] { Dispatch(ledger), Dispatch(ledger), Dispatch(ledger) };
        foreach (var job in jobs)
            ledger.EpochFinished(new EpochReport(job.JobId, job.Attempt, 1, TestMetric: 0.1)).Should().Be(EpochOutcome.Recorded);
    }

    [Fact]
    public void A_stopped_result_found_in_its_folder_is_adopted_as_stopped_with_its_curve()
    {
        var plan = Plan(seeds: 3);
        var ledger = Ledger(plan);
        ledger.Adopt(new FinishedResult(plan[0].JobId, JobState.StoppedEarly, Curve(0.4), 0.4));
        ledger.Adopt(new FinishedResult(plan[1].JobId, JobState.Completed, Curve(0.9, 0.9, 0.9, 0.9), 0.9));

        ledger.Find(plan[0].JobId)!.Record.State.Should().Be(JobState.StoppedEarly);
        ledger.Find(plan[1].JobId)!.Record.Curve.Should().Equal(0.9, 0.9, 0.9, 0.9);
        var c = Dispatch(ledger);
        c.JobId.Should().Be(plan[2].JobId);
        Epoch(ledger, c, 1, 0.3).Should().Be(EpochOutcome.StoppedEarly, "rung 1 holds 0.4 and 0.9 from the adopted results: 0.3 is below their median with it, 0.4");
    }
}
