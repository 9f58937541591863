using GradRetentionNet.Contracts.Grains;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace GradRetentionNet.Grains.Tests;

/// <summary>
/// A study on a two-silo in-process cluster with scripted trials whose validation curves are known:
/// the coordinator tunes, chooses on validation, evaluates the choices on fresh seeds as one study,
/// resumes it after the whole cluster restarts without running anything again, and cancels both
/// phases.
/// </summary>
public sealed class StudyClusterTests : IAsyncLifetime
{
    const int Epochs = 2;
    readonly string folder = Directory.CreateTempSubdirectory("grn-study-").FullName;
    InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        ScriptedExecutor.Runs.Clear();
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(0.4);
        // sgd does best at lr 0.01 and adam at 0.001: the distance from those in decades costs validation accuracy.
        ScriptedExecutor.ValidationCurve = (assignment, epoch) =>
        {
            var best = assignment.Spec.Optimizer == "sgd" ? 0.01 : 0.001;
            var lr = double.Parse(assignment.Spec.HyperParameters["lr"], System.Globalization.CultureInfo.InvariantCulture);
            return 0.9 - 0.2 * Math.Abs(Math.Log10(lr / best)) - 0.1 * (Epochs - epoch);
        };
        cluster = await Start();
    }

    static async Task<InProcessTestCluster> Start()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Services
            .AddGrainStorage("sweeps", (provider, _) => ActivatorUtilities.CreateInstance<ProcessWideGrainStorage>(provider))
            .AddTrainingSlots<ScriptedExecutor>(
                new JobRunnerOptions(2) { AdvertisePeriod = TimeSpan.FromMilliseconds(500), WakePeriod = TimeSpan.FromSeconds(1) }));
        var built = builder.Build();
        await built.DeployAsync();
        return built;
    }

    public async Task DisposeAsync()
    {
        ScriptedExecutor.ValidationCurve = null;
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1);
        await cluster.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    SweepSubmission Study(string name) => Submissions.Of($"""
        name: {name}
        datasets: [mnist-digits-10k]
        optimizers:
          sgd: {"{lr: [0.1, 0.01, 0.001]}"}
          adam: {"{lr: [0.01, 0.001]}"}
        validation: {"{fraction: 0.1}"}
        epochs: {Epochs}
        protocol: {"{tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}"}
        """, "study.yaml", Path.Combine(folder, "runs"));

    ISweepCoordinatorGrain Coordinator(string name) => cluster.Client.GetGrain<ISweepCoordinatorGrain>(name);

    static async Task<SweepStatus> Until(ISweepCoordinatorGrain coordinator, Func<SweepStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = await coordinator.GetStatus();
            if (condition(status)) return status;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited for {what}: study {status.State.ToText()} in phase {status.Phase}: {string.Join(", ", status.Jobs!.Select(j => $"{j.Optimizer} {j.GridPoint} seed {j.Seed} {j.State.ToText()}"))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_study_tunes_then_evaluates_each_choice_on_fresh_seeds_and_a_restarted_cluster_runs_nothing_again()
    {
        var submitted = await Coordinator("both-phases").Submit(Study("both-phases"));
        submitted.Phase.Should().Be(StudyPhase.Tune);
        submitted.Jobs!.Should().HaveCount(5, "3 sgd and 2 adam configurations on one tuning seed");

        var status = await Until(Coordinator("both-phases"), s => s.State.IsFinished(), "the study to finish");
        await TrainersIdle.Wait(cluster);

        status.State.Should().Be(SweepState.Completed);
        status.Phase.Should().Be(StudyPhase.Evaluate);
        status.Jobs!.Should().HaveCount(5 + 2 * 5).And.OnlyContain(j => j.State == JobState.Completed);
        var evaluation = status.Jobs!.Where(j => j.Seed >= 11).ToList();
        evaluation.Where(j => j.Optimizer == "sgd").Should().HaveCount(5).And.OnlyContain(j => j.GridPoint == "lr=0.01", "sgd's best validation was at lr 0.01");
        evaluation.Where(j => j.Optimizer == "adam").Should().HaveCount(5).And.OnlyContain(j => j.GridPoint == "lr=0.001");
        evaluation.Select(j => j.Seed).Distinct().Should().BeEquivalentTo(new long[] { 11, 12, 13, 14, 15 });
        var runs = ScriptedExecutor.Runs.ToList();
        runs.Should().HaveCount(15);
        runs.Select(r => r.JobKey).Should().OnlyHaveUniqueItems("every trial ran once");
        var lastTuning = runs.Where(r => status.Jobs!.Any(j => j.Seed == 1 && r.JobKey.EndsWith(j.JobId, StringComparison.Ordinal))).Max(r => r.End);
        runs.Where(r => evaluation.Any(j => r.JobKey.EndsWith(j.JobId, StringComparison.Ordinal))).Should().OnlyContain(r => r.Start >= lastTuning,
            "the evaluation phase starts when tuning has ended, never before");

        // The whole cluster goes and a new one starts on the same storage: the study stays as it ended.
        await cluster.DisposeAsync();
        cluster = await Start();
        await Coordinator("both-phases").Wake();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await Coordinator("both-phases").GetStatus();
        after.Phase.Should().Be(StudyPhase.Evaluate);
        after.Jobs!.Select(j => (j.JobId, j.State)).Should().Equal(status.Jobs!.Select(j => (j.JobId, j.State)));
        ScriptedExecutor.Runs.Should().HaveCount(runs.Count, "a restarted cluster runs no trial again");
    }

    [Fact]
    public async Task A_study_restarted_mid_evaluation_continues_its_evaluation_with_the_same_choices()
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(1);
        await Coordinator("restarted").Submit(Study("restarted"));
        var before = await Until(Coordinator("restarted"), s => s.Phase == StudyPhase.Evaluate && s.Count(JobState.Completed) >= 6, "an evaluation job to complete");

        await cluster.DisposeAsync();
        cluster = await Start();
        await Coordinator("restarted").Wake();
        var status = await Until(Coordinator("restarted"), s => s.State.IsFinished(), "the study to finish after the restart");
        await TrainersIdle.Wait(cluster);

        status.State.Should().Be(SweepState.Completed);
        status.Jobs!.Should().HaveCount(15).And.OnlyContain(j => j.State == JobState.Completed);
        status.Jobs!.Select(j => j.JobId).Should().Equal(before.Jobs!.Select(j => j.JobId), "the persisted choices, not a new selection, define the evaluation jobs");
        var completedBefore = before.Jobs!.Where(j => j.State == JobState.Completed).Select(j => j.JobId).ToList();
        ScriptedExecutor.Runs.Where(r => completedBefore.Any(id => r.JobKey.EndsWith(id, StringComparison.Ordinal)))
            .Should().HaveCount(completedBefore.Count, "no finished trial of either phase ran again");
    }

    [Fact]
    public async Task Cancelling_a_study_in_either_phase_stops_it_and_a_study_cancelled_while_tuning_never_evaluates()
    {
        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(2);
        await Coordinator("cancel-tuning").Submit(Study("cancel-tuning"));
        await Until(Coordinator("cancel-tuning"), s => s.Count(JobState.Running) > 0, "a tuning trial to run");
        var cancelled = await Coordinator("cancel-tuning").Cancel();
        cancelled.State.Should().Be(SweepState.Cancelled);
        cancelled.Phase.Should().Be(StudyPhase.Tune);
        await Task.Delay(TimeSpan.FromSeconds(3)); // past the cancelled trials' ends
        var after = await Coordinator("cancel-tuning").GetStatus();
        after.Phase.Should().Be(StudyPhase.Tune, "a cancelled study does not move on to evaluation");
        after.Jobs!.Should().HaveCount(5).And.OnlyContain(j => j.State.IsFinished());

        ScriptedExecutor.JobTime = TimeSpan.FromSeconds(0.4);
        await Coordinator("cancel-evaluation").Submit(Study("cancel-evaluation"));
        await Until(Coordinator("cancel-evaluation"), s => s.Phase == StudyPhase.Evaluate && s.Count(JobState.Running) > 0, "an evaluation job to run");
        var stopped = await Coordinator("cancel-evaluation").Cancel();
        stopped.State.Should().Be(SweepState.Cancelled);
        stopped.Phase.Should().Be(StudyPhase.Evaluate);
        stopped.Jobs!.Should().OnlyContain(j => j.State.IsFinished(), "no job of either phase is left pending or running");
        stopped.Jobs!.Where(j => j.Seed == 1).Should().OnlyContain(j => j.State == JobState.Completed, "finished tuning trials keep their results");
        stopped.Count(JobState.Cancelled).Should().BeGreaterThan(0);
    }
}
