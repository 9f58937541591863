namespace GradRetentionNet.Training.Optimizers.Control;

/// <summary>
/// When the controller's loss-spike guard fires (it halves the lr scale at once). Whatever the
/// rule, the guard is armed only after the first K steps (K the decision interval).
/// </summary>
public enum SpikeRule
{
    /// <summary>
    /// The batch loss exceeds L + k_s·D, L the bias-corrected loss EMA and D the bias-corrected EMA
    /// (same β_L) of |loss − L|: a jump measured against the loss's own batch-to-batch noise.
    /// </summary>
    Deviation,

    /// <summary>The batch loss exceeds threshold·L: the first design's rule, which fires on ordinary batch noise once the loss is small.</summary>
    Ratio,

    /// <summary>The guard never fires (the <c>no-spike-guard</c> ablation).</summary>
    Off,
}
