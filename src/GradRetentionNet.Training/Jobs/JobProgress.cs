namespace GradRetentionNet.Training.Jobs;

/// <summary>Where a running job is; reported after every training, validation and test batch.</summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="Epochs">Planned epochs.</param>
/// <param name="Batch">Batches done in this epoch's phase.</param>
/// <param name="BatchesPerEpoch">Batches in this epoch's phase.</param>
/// <param name="Phase">"train", "validation" (with a validation split) or "test".</param>
/// <param name="LastLoss">The most recent training loss read from the device (refreshed every few steps).</param>
/// <param name="LastMetric">The most recent test metric.</param>
public sealed record JobProgress(int Epoch, int Epochs, long Batch, long BatchesPerEpoch, string Phase, double? LastLoss, double? LastMetric);
