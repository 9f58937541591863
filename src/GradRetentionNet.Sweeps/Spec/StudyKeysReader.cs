using GradRetentionNet.Contracts.Sweeps;
using YamlDotNet.RepresentationModel;
using static GradRetentionNet.Sweeps.Spec.SpecNodes;

namespace GradRetentionNet.Sweeps.Spec;

/// <summary>Reads the keys of a fair comparison: <c>search:</c>, <c>validation:</c> and <c>early_stop:</c>.</summary>
internal sealed class StudyKeysReader(SpecReader reader, string source)
{
    public const int MaxTrials = 100_000;
    public const string AddValidation = "add validation: {fraction: 0.1}";

    static readonly string[] SearchKeys = ["method", "trials", "seed"];
    static readonly string[] ValidationKeys = ["fraction"];
    static readonly string[] EarlyStopKeys = ["type", "metric", "grace_epochs", "reduction_factor"];

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
}
