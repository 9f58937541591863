namespace GradRetentionNet.Training.Optimizers.Telemetry;

/// <summary>
/// An optimizer that records per-step and per-decision telemetry. Records accumulate on the
/// device and reach the host at decision points; <see cref="DrainTelemetry"/> hands over (and
/// forgets) everything recorded since the last drain, synchronising once if steps are pending.
/// </summary>
public interface IOptimizerTelemetrySource
{
    TelemetryBatch DrainTelemetry();
}

/// <summary>Telemetry recorded since the previous drain.</summary>
/// <param name="Steps">Per-step records, in step order.</param>
/// <param name="Decisions">Per-decision records, in step order.</param>
/// <param name="DroppedSteps">Step records lost because the buffer was full (drain more often).</param>
public sealed record TelemetryBatch(IReadOnlyList<StepTelemetry> Steps, IReadOnlyList<DecisionTelemetry> Decisions, long DroppedSteps);
