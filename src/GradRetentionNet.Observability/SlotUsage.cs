namespace GradRetentionNet.Observability;

/// <summary>A silo's training slots at one instant.</summary>
/// <param name="Total">Slots the silo advertises.</param>
/// <param name="Busy">Slots training a job.</param>
/// <param name="Queued">Jobs handed to the silo and waiting for a slot.</param>
public readonly record struct SlotUsage(int Total, int Busy, int Queued);
