namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// One evaluation seed's final metric in a cell. <see cref="Value"/> is null when the trial
/// failed; a non-finite value (a diverged run) counts as failed too, since no mean or difference
/// can be taken with it.
/// </summary>
public sealed record SeedMetric(string Dataset, string Optimizer, long Seed, double? Value)
{
    public StudyCell Cell => new(Dataset, Optimizer);

    public bool Failed => Value is not { } value || !double.IsFinite(value);
}
