namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>A sweep to run: its spec parsed once at the edge, the text it was parsed from (kept for the record), and where results go.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepSubmission([property: Id(0)] SweepSpec Spec, [property: Id(1)] string SpecYaml, [property: Id(2)] string OutputRoot);
