namespace GradRetentionNet.Contracts.Sweeps;

/// <summary>Every error the HTTP API answers: one line saying what is wrong and what to do.</summary>
public sealed record ApiError(string Error);
