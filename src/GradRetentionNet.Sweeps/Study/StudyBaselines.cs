namespace GradRetentionNet.Sweeps.Study;

/// <summary>
/// The optimizers every candidate is compared against and whose seeds define each dataset's
/// target (study protocol, "What is reported").
/// </summary>
public static class StudyBaselines
{
    public static IReadOnlyList<string> Names { get; } = ["sgd", "adam", "adamw", "rmsprop"];

    // Case-insensitive: a spec may spell "AdamW" where the registry says "adamw".
    public static bool IsBaseline(string optimizer) =>
        Names.Contains(optimizer, StringComparer.OrdinalIgnoreCase);
}
