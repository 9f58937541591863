namespace GradRetentionNet.Sweeps.Study;

/// <summary>One optimizer on one dataset: the unit every per-cell statistic of a study is keyed by.</summary>
public sealed record StudyCell(string Dataset, string Optimizer);
