using GradRetentionNet.Contracts.Sweeps;
using YamlDotNet.RepresentationModel;
using static GradRetentionNet.Sweeps.Spec.SpecNodes;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Reads the keys of a fair comparison: <c>search:</c>, <c>validation:</c>, <c>early_stop:</c> and <c>protocol:</c>.</summary>
internal sealed class StudyKeysReader(SpecReader reader, string source)
{
    public const int MaxTrials = 100_000;
    public const string AddValidation = "add validation: {fraction: 0.1}";

    static readonly string[] SearchKeys = ["method", "trials", "seed"];
    static readonly string[] ValidationKeys = ["fraction"];
    static readonly string[] EarlyStopKeys = ["type", "metric", "grace_epochs", "reduction_factor"];
    static readonly string[] ProtocolKeys = ["tune_seeds", "evaluate_seeds", "select_by", "target"];
    static readonly string[] TargetKeys = ["from", "value"];

    /// <summary>A list of distinct seeds (whole numbers ≥ 0).</summary>
    public static IReadOnlyList<long> Seeds(SpecReader reader, YamlNode node, string field, string source)
    {
        var seeds = reader.List(node, field).Select((item, i) => reader.Long(item, $"{field}[{i}]", minimum: 0)).ToList();
        return seeds.Distinct().Count() == seeds.Count ? seeds : throw new SweepSpecException(source, field, "lists a seed twice");
    }

    /// <param name="spacesGiven">Whether optimizers were written as a map of spaces (random draws need them).</param>
    public SearchSpec Search(YamlNode node, bool spacesGiven)
    {
        var search = reader.Mapping(node, "search");
        Keys(search, SearchKeys, "search.", source);
        var methodName = reader.Choice(Optional(search, "method") ?? throw new SweepSpecException(source, "search.method", $"is required: use one of {string.Join(", ", SearchSpec.MethodNames.Keys)}"),
            "search.method", [.. SearchSpec.MethodNames.Keys]);
        var method = SearchSpec.MethodNames[methodName];
        var trialsNode = Optional(search, "trials");
        if (method == SearchMethod.Grid && trialsNode is not null)
            throw new SweepSpecException(source, "search.trials", "a grid search runs every combination of the lists; trials is for random and quasi-random");
        if (method != SearchMethod.Grid && trialsNode is null)
            throw new SweepSpecException(source, "search.trials", $"is required for a {methodName} search: how many configurations each optimizer gets per dataset (1 to {MaxTrials})");
        if (method != SearchMethod.Grid && !spacesGiven)
            throw new SweepSpecException(source, "optimizers",
                $"a {methodName} search draws from each optimizer's own space: write optimizers as a map of spaces, e.g. optimizers: {{sgd: {{lr: {{log_uniform: [0.001, 1]}}}}}}");
        return new SearchSpec(
            method,
            trialsNode is null ? null : (int)reader.Long(trialsNode, "search.trials", minimum: 1, maximum: MaxTrials),
            Optional(search, "seed") is { } seed ? reader.Long(seed, "search.seed", minimum: 0) : 0);
    }

    public ValidationSpec Validation(YamlNode node)
    {
        var validation = reader.Mapping(node, "validation");
        Keys(validation, ValidationKeys, "validation.", source);
        var fraction = reader.Double(Optional(validation, "fraction") ?? throw new SweepSpecException(source, "validation.fraction", "is required: the share of the training split held out, e.g. 0.1"),
            "validation.fraction");
        return fraction is > 0 and < 1
            ? new ValidationSpec(fraction)
            : throw new SweepSpecException(source, "validation.fraction", $"must be between 0 and 1 (exclusive), got {fraction}");
    }

    /// <param name="validation">The spec's validation split: early stopping watches it.</param>
    /// <param name="epochs">The trials' length: the grace period must leave epochs to stop.</param>
    public EarlyStopSpec EarlyStop(YamlNode node, ValidationSpec? validation, int epochs)
    {
        var earlyStop = reader.Mapping(node, "early_stop");
        Keys(earlyStop, EarlyStopKeys, "early_stop.", source);
        if (validation is null)
            throw new SweepSpecException(source, "early_stop", $"watches the validation split, and the spec has none: {AddValidation}");
        var typeName = reader.Choice(Optional(earlyStop, "type") ?? throw new SweepSpecException(source, "early_stop.type", $"is required: use one of {string.Join(", ", EarlyStopSpec.TypeNames.Keys)}"),
            "early_stop.type", [.. EarlyStopSpec.TypeNames.Keys]);
        var grace = Optional(earlyStop, "grace_epochs") is { } graceNode ? (int)reader.Long(graceNode, "early_stop.grace_epochs", minimum: 1, maximum: 10_000) : 1;
        if (grace >= epochs)
            throw new SweepSpecException(source, "early_stop.grace_epochs", $"must be less than epochs ({epochs}), got {grace}: no trial could be stopped after its grace period");
        return new EarlyStopSpec(
            EarlyStopSpec.TypeNames[typeName],
            Optional(earlyStop, "metric") is { } metric ? reader.Choice(metric, "early_stop.metric", EarlyStopSpec.Metrics) : "validation_metric",
            grace,
            Optional(earlyStop, "reduction_factor") is { } factor ? (int)reader.Long(factor, "early_stop.reduction_factor", minimum: 2, maximum: 100) : 3);
    }

    /// <param name="spec">The spec read so far: a study chooses on its validation split and takes its target from its baselines.</param>
    public ProtocolSpec Protocol(YamlNode node, SweepSpec spec)
    {
        var protocol = reader.Mapping(node, "protocol");
        Keys(protocol, ProtocolKeys, "protocol.", source);
        var tune = Seeds(reader, Optional(protocol, "tune_seeds") ?? throw new SweepSpecException(source, "protocol.tune_seeds", "is required: the seeds the tuning phase runs, e.g. [1]"),
            "protocol.tune_seeds", source);
        var evaluate = Seeds(reader, Optional(protocol, "evaluate_seeds") ?? throw new SweepSpecException(source, "protocol.evaluate_seeds",
            $"is required: at least {ProtocolSpec.MinEvaluateSeeds} fresh seeds the chosen configurations are re-run on, e.g. [11, 12, 13, 14, 15]"), "protocol.evaluate_seeds", source);
        if (evaluate.Intersect(tune).ToList() is { Count: > 0 } shared)
            throw new SweepSpecException(source, "protocol.evaluate_seeds",
                $"seed {string.Join(", ", shared)} is also a tuning seed: evaluation seeds must be fresh (the tuning phase chose on them), so pick others");
        if (evaluate.Count < ProtocolSpec.MinEvaluateSeeds)
            throw new SweepSpecException(source, "protocol.evaluate_seeds",
                $"lists {evaluate.Count} seed(s): the protocol re-runs each choice on at least {ProtocolSpec.MinEvaluateSeeds} (paired tests on fewer say little)");
        if (spec.Validation is null)
            throw new SweepSpecException(source, "protocol", $"chooses each optimizer's configuration on the validation split, and the spec has none: {AddValidation}");
        var selectBy = Optional(protocol, "select_by") is { } selectNode ? reader.Choice(selectNode, "protocol.select_by", ProtocolSpec.SelectByNames) : "validation_metric";
        var target = Optional(protocol, "target") is { } targetNode ? Target(targetNode) : null;
        if (target is null && !spec.Optimizers.Any(Study.StudyBaselines.IsBaseline))
            throw new SweepSpecException(source, "protocol.target",
                $"comes from the baselines ({string.Join(", ", Study.StudyBaselines.Names)}), and none is among optimizers: add one, or give target: {{value: 0.9}}");
        return new ProtocolSpec(tune, evaluate, selectBy, target);
    }

    // {from: baselines} (the default) or {value: X}: null means from the baselines.
    double? Target(YamlNode node)
    {
        var target = reader.Mapping(node, "protocol.target");
        Keys(target, TargetKeys, "protocol.target.", source);
        var from = Optional(target, "from") is { } fromNode ? reader.Choice(fromNode, "protocol.target.from", ["baselines", "value"]) : null;
        var value = Optional(target, "value") is { } valueNode ? reader.Double(valueNode, "protocol.target.value") : (double?)null;
        return (from, value) switch
        {
            ("baselines", not null) => throw new SweepSpecException(source, "protocol.target", "give either from: baselines or value: X, not both"),
            (null or "value", { } fixedValue) => fixedValue,
            ("value", null) => throw new SweepSpecException(source, "protocol.target.value", "is required with from: value"),
            ("baselines", null) => null,
            _ => throw new SweepSpecException(source, "protocol.target", "needs from: baselines or value: X"),
        };
    }
}
