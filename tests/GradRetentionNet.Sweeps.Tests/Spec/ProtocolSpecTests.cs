using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Sweeps.Tests.Spec;

/// <summary>The <c>protocol:</c> key: a study's seeds, selection and target, and every way to get it wrong.</summary>
public sealed class ProtocolSpecTests
{
    /// <summary>The example of docs/study-protocol.md ("How a spec says it"), whole.</summary>
    internal static readonly string StudyExample = SearchSpaceSpecTests.ProtocolExample.Replace("seeds: [1]", """
        protocol:
          tune_seeds: [1]
          evaluate_seeds: [11, 12, 13, 14, 15]
          select_by: validation_metric
          target: {from: baselines}
        """);

    static SweepSpec Parse(string yaml) => SweepSpecParser.Parse(yaml, "study.yaml");

    static string WithProtocol(string protocol) => SearchSpaceSpecTests.ProtocolExample.Replace("seeds: [1]", protocol);

    [Fact]
    public void The_documented_study_reads_as_a_protocol_whose_tuning_seeds_are_the_sweeps_seeds()
    {
        var spec = Parse(StudyExample);
        spec.Protocol.Should().NotBeNull();
        spec.Protocol!.TuneSeeds.Should().Equal(1);
        spec.Protocol.EvaluateSeeds.Should().Equal(11, 12, 13, 14, 15);
        spec.Protocol.SelectBy.Should().Be("validation_metric");
        spec.Protocol.TargetValue.Should().BeNull("the target comes from the baselines");
        spec.Seeds.Should().Equal([1L], "the sweep the coordinator plans first is the tuning phase");
        spec.Protocol.PhaseOf(1).Should().Be(StudyPhase.Tune);
        spec.Protocol.PhaseOf(13).Should().Be(StudyPhase.Evaluate);
        spec.Protocol.PhaseOf(2).Should().BeNull();
    }

    [Fact]
    public void A_spec_without_protocol_is_an_ordinary_sweep() =>
        Parse(SearchSpaceSpecTests.ProtocolExample).Protocol.Should().BeNull();

    [Fact]
    public void Select_by_a_loss_selects_lower_values_and_a_fixed_target_is_kept()
    {
        var protocol = Parse(WithProtocol("protocol: {tune_seeds: [1, 2], evaluate_seeds: [3, 4, 5, 6, 7], select_by: validation_loss, target: {value: 0.35}}")).Protocol!;
        protocol.SelectsHigher.Should().BeFalse();
        protocol.TargetValue.Should().Be(0.35);
        Parse(WithProtocol("protocol: {tune_seeds: [1], evaluate_seeds: [3, 4, 5, 6, 7], target: {from: value, value: 0.9}}")).Protocol!.TargetValue.Should().Be(0.9);
    }

    [Fact]
    public void A_study_counts_both_phases_against_the_job_cap()
    {
        var spec = Parse(StudyExample);
        SweepExpander.CountJobs(spec).Should().Be(2 * 3 * 16 + 2 * 3 * 5, "96 tuning trials and at most 30 evaluation runs");
        var tooBig = () => SweepExpander.CheckSize(spec, "study.yaml", maxJobs: 100);
        tooBig.Should().Throw<SweepSpecException>().WithMessage("study.yaml: protocol: the study has up to 126 jobs (96 tuning + 30 evaluation*more than the cap of 100*");
    }

    [Theory]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [1, 12, 13, 14, 15]}", "study.yaml: protocol.evaluate_seeds: seed 1 is also a tuning seed: evaluation seeds must be fresh*")]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13]}", "study.yaml: protocol.evaluate_seeds: lists 3 seed(s): the protocol re-runs each choice on at least 5*")]
    [InlineData("protocol: {evaluate_seeds: [11, 12, 13, 14, 15]}", "study.yaml: protocol.tune_seeds: is required*")]
    [InlineData("protocol: {tune_seeds: [1]}", "study.yaml: protocol.evaluate_seeds: is required*")]
    [InlineData("protocol: {tune_seeds: [1, 1], evaluate_seeds: [11, 12, 13, 14, 15]}", "study.yaml: protocol.tune_seeds: lists a seed twice")]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15], select_by: test_metric}", "study.yaml: protocol.select_by: 'test_metric' is not allowed: use one of validation_metric, validation_loss")]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15], target: {from: baselines, value: 0.9}}", "study.yaml: protocol.target: give either from: baselines or value: X, not both")]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15], target: {from: value}}", "study.yaml: protocol.target.value: is required with from: value")]
    [InlineData("protocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15], repeats: 2}", "study.yaml: protocol.repeats: unknown key*")]
    [InlineData("seeds: [1]\nprotocol: {tune_seeds: [1], evaluate_seeds: [11, 12, 13, 14, 15]}", "study.yaml: seeds: a study takes its seeds from protocol.tune_seeds and protocol.evaluate_seeds: remove seeds")]
    public void A_wrong_protocol_is_refused_with_one_line_naming_the_field(string protocol, string message)
    {
        var parse = () => Parse(WithProtocol(protocol));
        parse.Should().Throw<SweepSpecException>().WithMessage(message);
    }

    [Fact]
    public void A_study_needs_a_validation_split_and_a_baseline_for_a_target_from_baselines()
    {
        var noValidation = () => Parse(StudyExample.Replace("validation: {fraction: 0.1}\n", "").Replace("early_stop: {type: asha, metric: validation_metric, grace_epochs: 1, reduction_factor: 3}\n", ""));
        noValidation.Should().Throw<SweepSpecException>().WithMessage("study.yaml: protocol: chooses each optimizer's configuration on the validation split, and the spec has none: add validation: {fraction: 0.1}");

        var noBaseline = StudyExample.Replace("  sgd:          {lr: {log_uniform: [0.001, 1]}, momentum: [0.9]}\n", "").Replace("  adam:         {lr: {log_uniform: [0.00001, 0.01]}}\n", "");
        var fromBaselines = () => Parse(noBaseline);
        fromBaselines.Should().Throw<SweepSpecException>().WithMessage("study.yaml: protocol.target: comes from the baselines (sgd, adam, adamw, rmsprop), and none is among optimizers*");
        Parse(noBaseline.Replace("target: {from: baselines}", "target: {value: 0.9}")).Protocol!.TargetValue.Should().Be(0.9);
    }
}
