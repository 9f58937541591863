using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Sweeps.Study;
using static GradRetentionNet.Sweeps.Tests.Study.StudyRuns;

namespace GradRetentionNet.Sweeps.Tests.Study;

public sealed class StudyAnalysisTests
{
    static StudyResults Analyze(IEnumerable<JobResult> results, Contracts.Sweeps.SweepSpec? spec = null) =>
        StudyAnalysis.Analyze(spec ?? StudySpec(), results.ToList(), FolderOf);

    static StudyCellResult Cell(StudyResults study, string optimizer, string dataset = Digits) =>
        study.Cells.Single(c => c.Cell == new StudyCell(dataset, optimizer));

    [Fact]
    public void Tuning_trials_are_numbered_in_plan_order_with_their_best_validation_and_the_best_so_far()
    {
        var study = Analyze(Tuning().Concat(Evaluation()));

        var candidate = study.Tuning.Where(t => t.Optimizer == Candidate).ToList();
        candidate.Select(t => t.Trial).Should().Equal(1, 2, 3);
        candidate.Select(t => t.HyperParameters["lr"]).Should().Equal("0.1", "0.01", "0.001");
        candidate.Select(t => t.State).Should().Equal(JobState.Diverged, JobState.Completed, JobState.Completed);
        candidate.Select(t => t.BestValidation).Should().Equal(null, 0.92, 0.7);
        candidate.Select(t => t.BestSoFar).Should().Equal(null, 0.92, 0.92);
        candidate.Should().OnlyContain(t => t.Dataset == Digits && t.Seed == 1 && t.OutputDirectory == $"/runs/{t.JobId}");

        var adam = study.Tuning.Where(t => t.Optimizer == "adam").ToList();
        adam.Select(t => (t.Trial, t.BestValidation, t.BestSoFar)).Should().Equal((1, 0.9, 0.9), (2, null, 0.9));
        study.Tuning.Select(t => t.Optimizer).Distinct().Should().Equal("sgd", "adam", Candidate);
        study.Tuning.Where(t => t.Optimizer == "sgd").Select(t => t.BestValidation).Should().Equal([0.7, 0.85],
            "a trial stopped early keeps its curve, and its best counts");
    }

    [Fact]
    public void A_cell_reports_its_choice_with_the_tuning_median_its_final_metric_and_its_evaluation_jobs()
    {
        var study = Analyze(Tuning().Concat(Evaluation()));

        study.Cells.Select(c => c.Cell.Optimizer).Should().Equal("sgd", "adam", Candidate);
        var candidate = Cell(study, Candidate);
        candidate.Model.Should().Be("simple-cnn");
        candidate.Chosen.Should().Equal(Lr("0.01"));
        candidate.SelectionValue.Should().Be(0.92);
        candidate.TunedConfigurations.Should().Be(3);
        candidate.Final.Count.Should().Be(5);
        candidate.Final.Summary!.Mean.Should().BeApproximately(0.97, 1e-12);
        candidate.Final.Median.Should().BeApproximately(0.97, 1e-12);
        candidate.Final.FailedSeeds.Should().Be(0);
        candidate.EvaluationJobs.Select(j => j.Seed).Should().Equal(11, 12, 13, 14, 15);
        candidate.EvaluationJobs.Should().OnlyContain(j => j.State == JobState.Completed && j.OutputDirectory == $"/runs/{j.JobId}");
        Cell(study, "adam").TunedConfigurations.Should().Be(2, "the failed configuration was tuned too: it spent budget");
    }

    [Fact]
    public void The_target_is_the_median_of_the_baselines_best_validation_and_time_counts_steps_and_training_seconds()
    {
        var study = Analyze(Tuning().Concat(Evaluation()));

        var target = study.Targets.Single();
        (target.Dataset, target.Goal, target.BaselineSeeds).Should().Be((Digits, GoalDirection.HigherIsBetter, 10));
        target.Value!.Value.Should().BeApproximately(0.875, 1e-12);

        var candidate = Cell(study, Candidate).Time;
        (candidate.MedianSteps, candidate.Reached, candidate.FinishedSeeds).Should().Be((200, 5, 5));
        candidate.MedianSeconds.Should().Be(20, "two epochs of 10 s training; the 2 s test passes are not training time");
        (Cell(study, "adam").Time.MedianSteps, Cell(study, "adam").Time.MedianSeconds).Should().Be((300, 30));
        Cell(study, "sgd").Time.MedianSteps.Should().Be(double.PositiveInfinity, "sgd's best validation, 0.85, is below the target");
    }

    [Fact]
    public void Profiles_verdicts_and_comparisons_come_from_the_cells()
    {
        var study = Analyze(Tuning().Concat(Evaluation()));

        study.Candidates.Should().Equal(Candidate);
        study.ProfilesInSteps.Select(p => (p.Optimizer, p.Ratios[Digits])).Should().Equal(
            ("sgd", double.PositiveInfinity), ("adam", 1.5), (Candidate, 1.0));
        study.ProfilesInSteps.Single(p => p.Optimizer == "adam").Score.Should().BeApproximately(2.5 / 3, 1e-12);
        study.ProfilesInSeconds.Single(p => p.Optimizer == Candidate).Score.Should().Be(1);

        study.Comparisons.Select(c => c.Baseline).Should().Equal("sgd", "adam");
        var verdict = study.Verdicts.Single();
        (verdict.Dataset, verdict.Candidate, verdict.BestBaseline, verdict.Verdict).Should().Be((Digits, Candidate, "adam", Verdict.Wins));
        verdict.Sentence.Should().StartWith("On mnist-digits-10k, enhanced-sgd wins against adam: mean difference +0.04 (95 % CI [");
        verdict.Against.Should().Equal(study.Comparisons);
        study.Comparisons.Should().OnlyContain(c => c.TTestHolmPValue >= c.TTest.PValue);
    }

    [Fact]
    public void Selecting_by_validation_loss_chooses_and_times_on_the_loss_lowest_first()
    {
        var study = Analyze(Tuning().Concat(Evaluation()), StudySpec(selectBy: "validation_loss"));

        study.SelectGoal.Should().Be(GoalDirection.LowerIsBetter);
        var candidate = study.Tuning.Where(t => t.Optimizer == Candidate).ToList();
        candidate[1].BestValidation!.Value.Should().BeApproximately(0.08, 1e-12);
        candidate[2].BestSoFar!.Value.Should().BeApproximately(0.08, 1e-12);
        study.Targets.Single().Value!.Value.Should().BeApproximately(0.125, 1e-12);
        Cell(study, Candidate).Time.MedianSteps.Should().Be(200, "its loss 0.1 at epoch 2 is below 0.125");
        study.Verdicts.Single().Verdict.Should().Be(Verdict.Wins, "the final metric is still the test accuracy, higher is better");
    }

    [Fact]
    public void A_fixed_target_replaces_the_baselines_and_a_target_nobody_reaches_gives_infinite_times()
    {
        var fixedTarget = Analyze(Tuning().Concat(Evaluation()), StudySpec(target: "{value: 0.94}"));
        fixedTarget.Targets.Single().Should().Be(new DatasetTarget(Digits, GoalDirection.HigherIsBetter, 0.94, 0));
        Cell(fixedTarget, Candidate).Time.MedianSteps.Should().Be(300);

        var missed = Analyze(Tuning().Concat(Evaluation()), StudySpec(target: "{value: 0.99}"));
        missed.Cells.Should().OnlyContain(c => c.Time.Reached == 0 && c.Time.FinishedSeeds == 5
            && double.IsPositiveInfinity(c.Time.MedianSteps!.Value) && double.IsPositiveInfinity(c.Time.MedianSeconds!.Value));
        missed.ProfilesInSteps.Should().OnlyContain(p => p.Score == 0 && double.IsPositiveInfinity(p.Ratios[Digits]));
    }

    [Fact]
    public void One_evaluation_seed_gives_no_spread_and_a_tie()
    {
        var oneSeed = Evaluation().Where(r => r.Spec.Seed == 11);

        var study = Analyze(Tuning().Concat(oneSeed));

        var candidate = Cell(study, Candidate);
        (candidate.Final.Count, candidate.Final.Summary!.StandardDeviation, candidate.Final.Summary.Interval).Should().Be((1, null, null));
        var verdict = study.Verdicts.Single();
        verdict.Verdict.Should().Be(Verdict.Ties);
        verdict.Sentence.Should().Be("On mnist-digits-10k, enhanced-sgd ties with adam: too few paired seeds for an interval over 1 paired seed(s).");
    }

    [Fact]
    public void Equal_results_tie_and_equal_baselines_leave_the_first_in_the_spec_as_the_best()
    {
        var results = Tuning()
            .Concat(Evaluated("sgd", Lr("0.01"), SgdCurve, Digits, 0.91, 0.92, 0.93, 0.94, 0.95))
            .Concat(Evaluated("adam", Lr("0.001"), AdamCurve, Digits, 0.95, 0.94, 0.93, 0.92, 0.91))
            .Concat(Evaluated(Candidate, Lr("0.01"), CandidateCurve, Digits, 0.91, 0.92, 0.93, 0.94, 0.95));

        var verdict = Analyze(results).Verdicts.Single();

        verdict.BestBaseline.Should().Be("sgd");
        verdict.Verdict.Should().Be(Verdict.Ties);
        var versusSgd = verdict.Against.Single(c => c.Baseline == "sgd");
        versusSgd.TTest.Outcome.Should().Be(PairedTestOutcome.AllDifferencesZero);
        versusSgd.Wilcoxon.PValue.Should().Be(1);
        verdict.Sentence.Should().StartWith("On mnist-digits-10k, enhanced-sgd ties with sgd: mean difference 0 ");
    }

    [Fact]
    public void A_failed_evaluation_seed_leaves_its_pair_out_and_a_diverged_one_counts_as_failed_but_finished()
    {
        var results = Tuning().Concat(Evaluation(candidateFinals: [0.95, 0.97, double.NaN, 0.99, 0.98]))
            .Select(r => r.Spec.Optimizer == Candidate && r.Spec.Seed == 15 ? Diverged(r) : r);

        var study = Analyze(results);

        var candidate = Cell(study, Candidate);
        (candidate.Final.Count, candidate.Final.FailedSeeds).Should().Be((3, 2));
        (candidate.Time.FinishedSeeds, candidate.Time.FailedSeeds, candidate.Time.Reached).Should().Be((4, 1, 4),
            "a diverged run finished: it reached the target before it diverged");
        var versusAdam = study.Verdicts.Single().Against.Single(c => c.Baseline == "adam");
        (versusAdam.Pairs, versusAdam.DroppedSeeds).Should().Be((3, 2));
        study.Verdicts.Single().Sentence.Should().EndWith("over 3 paired seed(s), 2 unpaired seed(s) dropped.");

        static JobResult Diverged(JobResult result) => new()
        {
            JobId = result.JobId, Spec = result.Spec, ResolvedHyperParameters = result.ResolvedHyperParameters,
            Environment = result.Environment, Dataset = result.Dataset, Status = JobState.Diverged,
            Epochs = [.. result.Epochs.Take(2), result.Epochs[2] with { TestAccuracy = double.NaN, ValidationMetric = double.NaN }],
        };
    }

    [Fact]
    public void A_cell_whose_every_tuning_trial_failed_appears_without_a_choice_and_ties_with_a_reason()
    {
        var results = Tuning().Where(r => r.Spec.Optimizer != Candidate)
            .Concat([
                Run(Candidate, 1, Lr("0.1"), 0, [], JobState.Failed),
                Run(Candidate, 1, Lr("0.01"), 0.5, [double.NaN], JobState.Diverged),
                Run(Candidate, 1, Lr("0.001"), 0, [], JobState.Failed),
            ])
            .Concat(Evaluation().Where(r => r.Spec.Optimizer != Candidate));

        var study = Analyze(results);

        var candidate = Cell(study, Candidate);
        (candidate.Chosen, candidate.SelectionValue, candidate.TunedConfigurations).Should().Be((null, null, 3));
        (candidate.Final.Count, candidate.Final.Summary, candidate.Final.Median).Should().Be((0, null, null));
        candidate.EvaluationJobs.Should().BeEmpty();
        candidate.Time.MedianSteps.Should().BeNull();
        study.ProfilesInSteps.Single(p => p.Optimizer == Candidate).Ratios[Digits].Should().Be(double.PositiveInfinity);
        study.Comparisons.Should().BeEmpty();
        var verdict = study.Verdicts.Single();
        (verdict.BestBaseline, verdict.Verdict).Should().Be(("adam", Verdict.Ties));
        verdict.Sentence.Should().Be("On mnist-digits-10k, enhanced-sgd has nothing to compare with adam: none of its 3 tuned configuration(s) " +
            "gave a validation value (each failed or diverged), so none was chosen.");
    }

    [Fact]
    public void A_candidate_still_tuning_has_no_verdict_yet()
    {
        var results = Tuning().Where(r => r.Spec.Optimizer != Candidate)
            .Append(Run(Candidate, 1, Lr("0.1"), 0.5, [0.5], JobState.Running))
            .Concat(Evaluation().Where(r => r.Spec.Optimizer != Candidate));

        Analyze(results).Verdicts.Single().Sentence.Should().Be("On mnist-digits-10k, enhanced-sgd has no evaluation seeds to compare with adam yet.");
    }

    [Fact]
    public void Without_a_baseline_that_finished_an_evaluation_seed_every_candidate_ties_and_says_so()
    {
        var results = Tuning().Concat(Evaluation().Where(r => r.Spec.Optimizer == Candidate))
            .Concat(Evaluated("adam", Lr("0.001"), AdamCurve, Digits, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN));

        var study = Analyze(results);

        var verdict = study.Verdicts.Single();
        (verdict.BestBaseline, verdict.Verdict).Should().Be((null, Verdict.Ties));
        verdict.Sentence.Should().Be("On mnist-digits-10k, enhanced-sgd has no baseline to compare with: no baseline (sgd, adam, adamw, rmsprop) finished an evaluation seed there.");
        study.Targets.Single().Value.Should().BeNull();
        Cell(study, Candidate).Time.MedianSteps.Should().BeNull("without a target there is no time to it");
    }

    [Fact]
    public void Workloads_keep_their_datasets_apart_in_the_spec_order()
    {
        var results = Tuning().Concat(Evaluation())
            .Concat(Evaluated("adam", Lr("0.001"), AdamCurve, Fashion, 0.80, 0.81, 0.82, 0.83, 0.84))
            .Concat(Evaluated(Candidate, Lr("0.01"), CandidateCurve, Fashion, 0.70, 0.71, 0.72, 0.73, 0.74));

        var study = Analyze(results, StudySpec(datasets: $"{Digits}, {Fashion}"));

        study.Datasets.Should().Equal(Digits, Fashion);
        study.Verdicts.Select(v => (v.Dataset, v.Verdict)).Should().Equal((Digits, Verdict.Wins), (Fashion, Verdict.Loses));
        study.Cells.Select(c => c.Cell.Dataset).Should().Equal(Digits, Digits, Digits, Fashion, Fashion, Fashion);
        Cell(study, "sgd", Fashion).Chosen.Should().BeNull("sgd has no tuning or evaluation jobs on fashion-mnist here");
        study.Tuning.Should().OnlyContain(t => t.Dataset == Digits);
        study.ProfilesInSteps.Single(p => p.Optimizer == Candidate).Ratios.Keys.Should().BeEquivalentTo([Digits, Fashion]);
    }

    [Fact]
    public void Several_models_make_a_workload_each_named_by_dataset_and_model()
    {
        var spec = StudySpec() with { Models = ["simple-cnn", "wide-cnn"] };
        var results = Tuning().Concat(Evaluation())
            .Append(Run(Candidate, 11, Lr("0.1"), 0.5, CandidateCurve, model: "wide-cnn"));

        var study = Analyze(results, spec);

        study.Datasets.Should().Equal($"{Digits}/simple-cnn", $"{Digits}/wide-cnn");
        var wide = study.Cells.Single(c => c.Cell == new StudyCell($"{Digits}/wide-cnn", Candidate));
        (wide.Model, wide.Final.Count, wide.Chosen!["lr"]).Should().Be(("wide-cnn", 1, "0.1"));
        study.Cells.Single(c => c.Cell == new StudyCell($"{Digits}/simple-cnn", Candidate)).Final.Count.Should().Be(5);
    }

    [Fact]
    public void Jobs_of_seeds_in_neither_phase_are_left_out()
    {
        var stray = Run(Candidate, 99, Lr("0.1"), 0.1, [0.1, 0.1, 0.1]);

        var study = Analyze(Tuning().Concat(Evaluation()).Append(stray));

        study.Tuning.Should().NotContain(t => t.Seed == 99);
        Cell(study, Candidate).EvaluationJobs.Should().NotContain(j => j.Seed == 99);
    }

    [Fact]
    public void Evaluation_jobs_of_one_cell_that_ran_different_configurations_are_refused()
    {
        var results = Tuning().Concat(Evaluation()).Append(Run(Candidate, 11, Lr("0.1"), 0.5, CandidateCurve));

        var analyze = () => Analyze(results);

        analyze.Should().Throw<InvalidDataException>()
            .WithMessage("the evaluation jobs of enhanced-sgd on mnist-digits-10k ran 2 configurations (lr=0.01; lr=0.1): a study re-runs one choice per cell");
    }

    [Fact]
    public void The_full_design_is_paired_with_each_ablation_on_the_evaluation_seeds()
    {
        // The ablation's finals are the candidate's less 0.01 … 0.05 on seeds 11–15: switching clipping off costs 0.03 on average.
        var spec = StudySpec(optimizers: "{sgd: {lr: [0.1, 0.01]}, adam: {lr: [0.001, 0.0001]}, enhanced-sgd: {lr: [0.1, 0.01, 0.001]}, enhanced-sgd-no-clip: {lr: [0.01]}}");
        var results = Tuning().Concat(Evaluation())
            .Append(Run("enhanced-sgd-no-clip", 1, Lr("0.01"), 0.8, [0.7, 0.85, 0.9]))
            .Concat(Evaluated("enhanced-sgd-no-clip", Lr("0.01"), CandidateCurve, Digits, 0.94, 0.95, 0.93, 0.95, 0.93));

        var study = Analyze(results, spec);

        var ablation = study.Ablations.Single();
        (ablation.Dataset, ablation.Ablation, ablation.Paired.Pairs).Should().Be((Digits, "enhanced-sgd-no-clip", 5));
        ablation.Paired.TTest.MeanDifference!.Value.Should().BeApproximately(-0.03, 1e-12);
        ablation.Effect.Should().Be(ComponentEffect.Helps);
        study.Candidates.Should().Contain("enhanced-sgd-no-clip", "an ablation is still a candidate against the baselines");
    }

    [Fact]
    public void A_sweep_without_a_protocol_is_not_a_study()
    {
        var analyze = () => StudyAnalysis.Analyze(StudySpec() with { Protocol = null }, [], FolderOf);

        analyze.Should().Throw<ArgumentException>().WithMessage("sweep 'study-test' is not a study: its spec has no protocol");
    }
}
