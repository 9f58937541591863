namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>How a hyperparameter's values are drawn: from a list, or from a range.</summary>
public enum SpaceKind
{
    /// <summary>One of the listed values (categorical; the only kind a grid search takes).</summary>
    Choice,

    /// <summary>Uniform on [low, high].</summary>
    Uniform,

    /// <summary>Uniform in log space on [low, high] (both &gt; 0): as likely in [0.001, 0.01] as in [0.01, 0.1].</summary>
    LogUniform,

    /// <summary>A whole number, each of low..high equally likely.</summary>
    IntUniform,
}

/// <summary>One hyperparameter's search space, as a spec writes it (<c>[0.9, 0.99]</c>, <c>log_uniform: [1e-4, 1]</c>, ...).</summary>
/// <param name="Values">The listed values (text, as written) for <see cref="SpaceKind.Choice"/>; empty for ranges.</param>
[GenerateSerializer, Immutable]
public sealed record ParameterSpace(
    [property: Id(0)] SpaceKind Kind,
    [property: Id(1)] IReadOnlyList<string> Values,
    [property: Id(2)] double Low = 0,
    [property: Id(3)] double High = 0)
{
    public static ParameterSpace Choice(params string[] values) => new(SpaceKind.Choice, values);

    public static ParameterSpace Range(SpaceKind kind, double low, double high) => new(kind, [], low, high);

    /// <summary>The spec key of a range kind (<c>uniform</c>, <c>log_uniform</c>, <c>int_uniform</c>).</summary>
    public static readonly IReadOnlyDictionary<string, SpaceKind> RangeKeys = new Dictionary<string, SpaceKind>
    {
        ["uniform"] = SpaceKind.Uniform,
        ["log_uniform"] = SpaceKind.LogUniform,
        ["int_uniform"] = SpaceKind.IntUniform,
    };
}

/// <summary>How configurations are drawn from the spaces.</summary>
public enum SearchMethod
{
    /// <summary>Every combination of the listed values (lists only).</summary>
    Grid,

    /// <summary><c>trials</c> independent draws.</summary>
    Random,

    /// <summary><c>trials</c> points of a scrambled Halton sequence: better coverage than random for the same count.</summary>
    QuasiRandom,
}

/// <summary>
/// <c>search: {method, trials, seed}</c>. <see cref="Trials"/> is the budget per optimizer per
/// dataset (random and quasi-random); sampling is deterministic from the spec and <see cref="Seed"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SearchSpec([property: Id(0)] SearchMethod Method = SearchMethod.Grid, [property: Id(1)] int? Trials = null, [property: Id(2)] long Seed = 0)
{
    /// <summary>The method names a spec uses.</summary>
    public static readonly IReadOnlyDictionary<string, SearchMethod> MethodNames = new Dictionary<string, SearchMethod>
    {
        ["grid"] = SearchMethod.Grid,
        ["random"] = SearchMethod.Random,
        ["quasi-random"] = SearchMethod.QuasiRandom,
    };
}

/// <summary><c>validation: {fraction}</c>: the share of the training split held out, seeded and stratified, the same for every trial of a dataset.</summary>
[GenerateSerializer, Immutable]
public sealed record ValidationSpec([property: Id(0)] double Fraction);

/// <summary>Which early-stopping rule the coordinator applies to epoch reports.</summary>
public enum EarlyStopRule
{
    /// <summary>Asynchronous successive halving (Li et al. 2020): at rungs grace·η^k a trial goes on only if in the top 1/η of that rung so far.</summary>
    Asha,

    /// <summary>Stop a trial whose best value by epoch e is worse than the median of the other trials' best values by e.</summary>
    Median,
}

/// <summary><c>early_stop: {type, metric, grace_epochs, reduction_factor}</c>; trials compete within their dataset × model × optimizer.</summary>
/// <param name="Metric">validation_metric (higher is better) or validation_loss (lower is better).</param>
[GenerateSerializer, Immutable]
public sealed record EarlyStopSpec(
    [property: Id(0)] EarlyStopRule Type,
    [property: Id(1)] string Metric = "validation_metric",
    [property: Id(2)] int GraceEpochs = 1,
    [property: Id(3)] int ReductionFactor = 3)
{
    public static readonly string[] Metrics = ["validation_metric", "validation_loss"];
    public static readonly IReadOnlyDictionary<string, EarlyStopRule> TypeNames = new Dictionary<string, EarlyStopRule>
    {
        ["asha"] = EarlyStopRule.Asha,
        ["median"] = EarlyStopRule.Median,
    };
}
