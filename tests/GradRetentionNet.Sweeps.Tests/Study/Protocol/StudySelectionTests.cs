using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Scheduling;
using GradRetentionNet.Sweeps.Spec;
using GradRetentionNet.Sweeps.Study.Protocol;
using GradRetentionNet.Sweeps.Tests.Spec;

namespace GradRetentionNet.Sweeps.Tests.Study.Protocol;

/// <summary>The end of tuning: each optimizer's configuration per dataset, by the best median of its trials' best validation value.</summary>
public sealed class StudySelectionTests
{
    static readonly RunEnvironment Environment = new("cpu", "test", "linux", "10.0", "0.107.0", 1, 1);
    static readonly DatasetSummary Digits = new("mnist-digits-10k", "mnist", "classification", 10, 900, 100, "test", 100);

    /// <summary>A grid study: sgd with three learning rates, adam with one, on two tuning seeds.</summary>
    static readonly SweepSpec Spec = SweepSpecParser.Parse("""
        name: pick
        datasets: [mnist-digits-10k]
        optimizers:
          sgd: {lr: [0.1, 0.01, 0.001]}
          adam: {lr: [0.001]}
        validation: {fraction: 0.1}
        epochs: 3
        protocol: {tune_seeds: [1, 2], evaluate_seeds: [11, 12, 13, 14, 15]}
        """, "pick.yaml");

    static IReadOnlyList<PlannedJob> Tuning => StudyPlan.Tune(Spec, "/out");

    /// <summary>A result whose validation metric per epoch is <paramref name="validation"/> (and validation loss 1 − it).</summary>
    static JobResult Result(PlannedJob job, JobState state, params double[] validation) => new()
    {
        JobId = job.JobId, Spec = job.Spec, ResolvedHyperParameters = job.Spec.HyperParameters, Environment = Environment, Dataset = Digits,
        Status = state,
        Epochs = [.. validation.Select((v, i) => new EpochRecord(i + 1, 10L * (i + 1), 1, 1, 0.5, null, null, 1, 1, 0, null, null, 1 - v, v))],
    };

    static PlannedJob Job(string optimizer, string lr, long seed) =>
        Tuning.Single(j => j.Spec.Optimizer == optimizer && j.Spec.HyperParameters["lr"] == lr && j.Spec.Seed == seed);

    /// <summary>A trial the coordinator recorded as <paramref name="state"/> after every epoch of its result.</summary>
    static TuningOutcome Trial(string optimizer, string lr, long seed, JobState state, params double[] validation) =>
        new(Job(optimizer, lr, seed), state, validation.Length, Result(Job(optimizer, lr, seed), state, validation));

    [Fact]
    public void Each_optimizer_gets_the_configuration_with_the_best_median_over_seeds_of_its_best_validation_value()
    {
        var choices = StudySelection.Choose(Spec.Protocol!,
        [
            // lr 0.1: best values 0.95 and 0.60 → median 0.775; lr 0.01: 0.80 and 0.82 → 0.81 (the steadier one wins).
            Trial("sgd", "0.1", 1, JobState.Completed, 0.90, 0.95, 0.93), Trial("sgd", "0.1", 2, JobState.Completed, 0.60, 0.55, 0.50),
            Trial("sgd", "0.01", 1, JobState.Completed, 0.70, 0.80, 0.79), Trial("sgd", "0.01", 2, JobState.StoppedEarly, 0.82),
            Trial("sgd", "0.001", 1, JobState.Completed, 0.40, 0.50, 0.60), Trial("sgd", "0.001", 2, JobState.Completed, 0.40, 0.50, 0.61),
            Trial("adam", "0.001", 1, JobState.Completed, 0.85), Trial("adam", "0.001", 2, JobState.Completed, 0.87),
        ]);

        choices.Should().HaveCount(2);
        choices[0].Should().BeEquivalentTo(new { Dataset = "mnist-digits-10k", Model = "simple-cnn", Optimizer = "sgd", Configurations = 3 });
        choices[0].HyperParameters.Should().Equal(new Dictionary<string, string> { ["lr"] = "0.01" });
        choices[0].SelectionValue.Should().BeApproximately(0.81, 1e-12, "a trial stopped early counts with the best it reached");
        choices[1].Optimizer.Should().Be("adam");
        choices[1].SelectionValue.Should().BeApproximately(0.86, 1e-12);
    }

    [Fact]
    public void Failed_and_diverged_trials_offer_nothing_and_an_optimizer_with_no_value_gets_no_choice()
    {
        var choices = StudySelection.Choose(Spec.Protocol!,
        [
            Trial("sgd", "0.1", 1, JobState.Diverged, 0.99, double.NaN), Trial("sgd", "0.1", 2, JobState.Failed, 0.99),
            Trial("sgd", "0.01", 1, JobState.Completed, 0.30, 0.40), new TuningOutcome(Job("sgd", "0.01", 2), JobState.Completed, 3, null),
            Trial("adam", "0.001", 1, JobState.Failed), Trial("adam", "0.001", 2, JobState.Cancelled, 0.9),
        ]);
        choices.Should().ContainSingle().Which.HyperParameters["lr"].Should().Be("0.01", "the only configuration with a value (one seed of two) is chosen over the diverged one");
        choices[0].SelectionValue.Should().Be(0.40);
    }

    [Fact]
    public void A_trial_stopped_early_counts_with_the_epochs_it_had_when_stopped_not_what_its_trainer_wrote_after()
    {
        // Stopped after epoch 1 (0.5); its trainer finished epoch 2 (0.99) before it noticed, and its file says running still.
        var stoppedLate = Trial("sgd", "0.1", 1, JobState.Running, 0.5, 0.99) with { State = JobState.StoppedEarly, EpochsDone = 1 };
        var choices = StudySelection.Choose(Spec.Protocol!, [stoppedLate, Trial("sgd", "0.01", 1, JobState.Completed, 0.6, 0.7)]);
        choices.Single().HyperParameters["lr"].Should().Be("0.01");
        StudySelection.BestValidation(Spec.Protocol!, stoppedLate).Should().Be(0.5);
        StudySelection.BestValidation(Spec.Protocol!, Trial("sgd", "0.1", 1, JobState.Completed, 0.5) with { State = JobState.Running })
            .Should().BeNull("a trial the coordinator does not count as finished offers nothing");
    }

    [Fact]
    public void A_tie_goes_to_the_configuration_first_in_plan_order_and_a_loss_is_chosen_lowest()
    {
        var tie = StudySelection.Choose(Spec.Protocol!, [Trial("sgd", "0.001", 1, JobState.Completed, 0.7), Trial("sgd", "0.1", 1, JobState.Completed, 0.7)]);
        tie.Single().HyperParameters["lr"].Should().Be("0.1", "0.1 comes first in the spec's list, whatever order the results arrive in");

        var byLoss = Spec.Protocol! with { SelectBy = "validation_loss" };
        var choices = StudySelection.Choose(byLoss, [Trial("sgd", "0.1", 1, JobState.Completed, 0.7), Trial("sgd", "0.01", 1, JobState.Completed, 0.8)]);
        choices.Single().HyperParameters["lr"].Should().Be("0.01", "validation loss 1 − 0.8 = 0.2 is the lowest");
        choices[0].SelectionValue.Should().BeApproximately(0.2, 1e-12);
    }

    [Fact]
    public void The_evaluation_phase_runs_each_choice_at_full_length_on_every_evaluation_seed_with_ids_disjoint_from_tuning()
    {
        var choices = new[]
        {
            new StudyChoice("mnist-digits-10k", "simple-cnn", "sgd", new SortedDictionary<string, string> { ["lr"] = "0.01" }, 0.81, 3),
            new StudyChoice("mnist-digits-10k", "simple-cnn", "adam", new SortedDictionary<string, string> { ["lr"] = "0.001" }, 0.86, 1),
        };
        var evaluation = StudyPlan.Evaluate(Spec, choices, "/out");

        evaluation.Should().HaveCount(2 * 5);
        evaluation.Select(j => j.Index).Should().Equal(Enumerable.Range(0, 10));
        evaluation.Select(j => (j.Spec.Optimizer, j.Spec.Seed)).Should().StartWith([("sgd", 11L), ("sgd", 12L), ("sgd", 13L), ("sgd", 14L), ("sgd", 15L), ("adam", 11L)]);
        evaluation.Should().OnlyContain(j => j.Spec.Epochs == 3 && j.Spec.ValidationFraction == 0.1);
        evaluation.Where(j => j.Spec.Optimizer == "sgd").Should().OnlyContain(j => j.GridPoint == "lr=0.01" && j.OutputDirectory.StartsWith("/out/pick/mnist-digits-10k/sgd/seed-1"));
        evaluation.Select(j => j.JobId).Should().OnlyHaveUniqueItems().And.NotIntersectWith(Tuning.Select(j => j.JobId));
        var tuned = Tuning.Single(j => j.Spec.Optimizer == "sgd" && j.Spec.HyperParameters["lr"] == "0.01" && j.Spec.Seed == 1);
        evaluation[0].Spec.Should().BeEquivalentTo(tuned.Spec with { Seed = 11 }, "the same job as the chosen trial but for its seed");
    }
}
