namespace GradRetentionNet.Reporting.Markdown;

/// <summary>One optimizer's published number, with the name of the optimizer in our catalogue that does what the original's did.</summary>
public sealed record PublishedAccuracy(string OriginalName, string Optimizer, double TestAccuracy);

/// <summary>
/// The only numbers the original Python GradRetentionNet published: MNIST, 2 epochs, the test
/// accuracy after epoch 2, one run on seed 42, no error bars. They are the one fact on the results
/// page typed in by hand, so they live here and nowhere else. Source: the original project's
/// published results, as recorded in the project's notes on the original ("The only published
/// numbers", original-findings.md). The original's EnhancedSGD is our enhanced-sgd-legacy: what
/// its code executed, not the design enhanced-sgd implements.
/// </summary>
public sealed record OriginalPublication(string Dataset, int Epochs, long Seed, string Source, IReadOnlyList<PublishedAccuracy> Accuracies)
{
    public static OriginalPublication Mnist { get; } = new(
        "MNIST", 2, 42,
        "the original GradRetentionNet's published results (MNIST, 2 epochs, test accuracy after epoch 2, one seed, no error bars)",
        [
            new("EnhancedSGD", "enhanced-sgd-legacy", 0.9778),
            new("SGD", "sgd", 0.9883),
            new("AdamW", "adamw", 0.9850),
            new("RMSprop", "rmsprop", 0.9873),
            new("Adam", "adam", 0.9897),
        ]);

    /// <summary>The published number of the optimizer of our catalogue that does what one of the original's did; null for any other.</summary>
    public PublishedAccuracy? Of(string optimizer) =>
        Accuracies.FirstOrDefault(a => string.Equals(a.Optimizer, optimizer, StringComparison.OrdinalIgnoreCase));

    /// <summary>1 for the best published accuracy; equal accuracies share a rank.</summary>
    public int RankOf(PublishedAccuracy accuracy) => 1 + Accuracies.Count(a => a.TestAccuracy > accuracy.TestAccuracy);
}
