namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>
/// <c>protocol:</c> — the sweep is a two-phase study (docs/study-protocol.md): phase 1 tunes every
/// optimizer on <see cref="TuneSeeds"/> (the spec's search, early stopping allowed), each optimizer's
/// configuration per dataset is chosen on validation by <see cref="SelectBy"/>, and phase 2 re-runs
/// each choice at full length, without early stopping, on <see cref="EvaluateSeeds"/> (disjoint from
/// the tuning seeds).
/// </summary>
/// <param name="SelectBy">validation_metric (higher is better) or validation_loss (lower is better).</param>
/// <param name="TargetValue">A fixed validation target for time to target; null: from the baselines (the median of their best validation metric over their evaluation seeds).</param>
[GenerateSerializer, Immutable]
public sealed record ProtocolSpec(
    [property: Id(0)] IReadOnlyList<long> TuneSeeds,
    [property: Id(1)] IReadOnlyList<long> EvaluateSeeds,
    [property: Id(2)] string SelectBy = "validation_metric",
    [property: Id(3)] double? TargetValue = null)
{
    public static readonly string[] SelectByNames = ["validation_metric", "validation_loss"];

    /// <summary>The fewest evaluation seeds the protocol accepts: paired tests on fewer say little.</summary>
    public const int MinEvaluateSeeds = 5;

    /// <summary>Whether the selection value is better higher (a metric) or lower (a loss).</summary>
    public bool SelectsHigher => SelectBy != "validation_loss";

    /// <summary>The phase a seed belongs to; null for a seed of neither.</summary>
    public StudyPhase? PhaseOf(long seed) =>
        TuneSeeds.Contains(seed) ? StudyPhase.Tune : EvaluateSeeds.Contains(seed) ? StudyPhase.Evaluate : null;
}

/// <summary>Where a study is: tuning, or evaluating its choices on fresh seeds. Lower case in JSON.</summary>
public enum StudyPhase
{
    Tune,
    Evaluate,
}

/// <summary>
/// One optimizer's configuration on one dataset and model, chosen at the end of the tuning phase:
/// the best median (over tuning seeds) of each trial's best validation value.
/// </summary>
/// <param name="HyperParameters">The configuration (hyperparameter → canonical text), as the tuning trials ran it.</param>
/// <param name="SelectionValue">Its median best validation value (select_by).</param>
/// <param name="Configurations">How many configurations of this optimizer were tuned here (the budget actually spent).</param>
[GenerateSerializer, Immutable]
public sealed record StudyChoice(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string Model,
    [property: Id(2)] string Optimizer,
    [property: Id(3)] IReadOnlyDictionary<string, string> HyperParameters,
    [property: Id(4)] double SelectionValue,
    [property: Id(5)] int Configurations);
